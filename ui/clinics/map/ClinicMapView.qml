import QtQuick
import QtLocation
import QtPositioning

// The OpenStreetMap view: a numbered marker per clinic (red for 24 h / emergency), the user's
// location in green. Right-click, or press and hold on a touch screen, picks the search location.
MapView {
    id: view
    objectName: "clinicMapView"

    property var clinicModel: null
    // A custom tile server ("https://tiles.example.org/%z/%x/%y.png"), empty for OpenStreetMap's.
    property string tileServer: ""
    property bool hasLocation: false
    property var userLocation
    property int selectedRow: -1

    signal markerTapped(int row)
    signal locationPicked(real latitude, real longitude)

    map.objectName: "clinicMap"
    map.plugin: Plugin {
        objectName: "clinicMapPlugin"
        name: "osm"
        // OpenStreetMap's tile and geocoding policies ask every app to identify itself.
        PluginParameter { name: "osm.useragent"; value: "Walness" }
        // Do not ask a provider-list server at start-up: opening the map needs no network.
        PluginParameter { name: "osm.mapping.providersrepository.disabled"; value: true }
        PluginParameter { name: "osm.mapping.custom.host"; value: view.tileServer }
    }
    map.center: view.userLocation
    map.zoomLevel: 13
    Component.onCompleted: {
        // The osm plugin lists its custom-URL map type last; use it when a server is set.
        var types = map.supportedMapTypes
        if (view.tileServer.length > 0 && types.length > 0)
            map.activeMapType = types[types.length - 1]
    }

    MapItemView {
        objectName: "clinicMarkers"
        parent: view.map
        model: view.clinicModel
        delegate: MapQuickItem {
            id: marker
            required property int index
            required property string name
            required property real latitude
            required property real longitude
            required property bool emergency
            objectName: "clinicMarker"
            coordinate: QtPositioning.coordinate(latitude, longitude)
            anchorPoint.x: pin.width / 2
            anchorPoint.y: pin.height / 2
            z: view.selectedRow === index ? 3 : 2
            sourceItem: Rectangle {
                id: pin
                width: view.selectedRow === marker.index ? 28 : 22
                height: width
                radius: width / 2
                color: marker.emergency ? "#d32f2f" : "#1565c0"
                border.color: "white"
                border.width: 2
                Text {
                    anchors.centerIn: parent
                    text: marker.emergency ? "✚" : String(marker.index + 1)
                    textFormat: Text.PlainText
                    color: "white"
                    font.pixelSize: 10
                    font.bold: true
                }
                TapHandler { onTapped: view.markerTapped(marker.index) }
            }
        }
    }

    MapQuickItem {
        objectName: "userMarker"
        parent: view.map
        visible: view.hasLocation
        coordinate: view.userLocation
        anchorPoint.x: 9
        anchorPoint.y: 9
        z: 4
        sourceItem: Rectangle {
            width: 18; height: 18; radius: 9
            color: "#2e7d32"
            border.color: "white"
            border.width: 3
        }
    }

    function pickLocationAt(position) {
        var where = view.map.toCoordinate(view.mapToItem(view.map, position.x, position.y))
        if (where.isValid)
            view.locationPicked(where.latitude, where.longitude)
    }
    TapHandler {
        acceptedButtons: Qt.RightButton
        onTapped: (eventPoint) => view.pickLocationAt(eventPoint.position)
    }
    TapHandler {
        acceptedDevices: PointerDevice.TouchScreen
        onLongPressed: view.pickLocationAt(point.position)
    }
}
