import QtQuick
import QtLocation
import QtPositioning

// Looks up a place by name with the map's plugin: found(), or failed() with a message to show.
GeocodeModel {
    id: geocoder
    autoUpdate: false

    property string place: ""

    signal found(real latitude, real longitude, string place)
    signal failed(string message)

    function lookUp(name) {
        place = name
        query = name
        update()
    }

    onStatusChanged: {
        if (status === GeocodeModel.Ready && count > 0) {
            var where = get(0).coordinate
            geocoder.found(where.latitude, where.longitude, place)
        } else if (status === GeocodeModel.Ready && count === 0) {
            geocoder.failed(qsTr("No place called \"%1\" was found.").arg(place))
        } else if (status === GeocodeModel.Error) {
            geocoder.failed(qsTr("Could not look up the place (%1). Check the internet connection, or right-click the map.").arg(errorString))
        }
    }
}
