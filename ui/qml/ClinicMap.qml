import QtQuick
import QtLocation
import QtPositioning

// The clinic map: an OpenStreetMap view. Opening it needs no network; tiles load when reachable.
Item {
    id: root
    objectName: "clinicMapRoot"

    property alias map: mapView.map
    // Seoul City Hall until the user chooses a location.
    property var defaultCenter: QtPositioning.coordinate(37.5663, 126.9779)

    MapView {
        id: mapView
        objectName: "clinicMapView"
        anchors.fill: parent

        map.objectName: "clinicMap"
        map.plugin: Plugin {
            objectName: "clinicMapPlugin"
            name: "osm"
            // OpenStreetMap's tile policy asks every app to identify itself.
            PluginParameter { name: "osm.useragent"; value: "Walness" }
            // Do not ask a provider-list server at start-up: opening the map needs no network.
            PluginParameter { name: "osm.mapping.providersrepository.disabled"; value: true }
        }
        map.center: root.defaultCenter
        map.zoomLevel: 13
    }
}
