import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import QtLocation
import QtPositioning

// The clinic finder: a list of clinics beside an OpenStreetMap view with their markers. Both show
// the same sorted and filtered model (C++ ClinicSortFilterModel); ClinicSearch finds the clinics.
// Opening it needs no network; tiles load when reachable.
Item {
    id: root
    objectName: "clinicMapRoot"

    property alias map: mapView.map
    property alias clinicList: clinicList
    // Set from C++; the map still loads without them (an empty list).
    property var clinicModel: null
    property var clinicSearch: null
    // A custom tile server ("https://tiles.example.org/%z/%x/%y.png"), empty for OpenStreetMap's.
    property string tileServer: typeof walnessTileServer === "string" ? walnessTileServer : ""
    // Seoul City Hall until the user chooses a location.
    property var defaultCenter: QtPositioning.coordinate(37.5663, 126.9779)
    readonly property bool hasLocation: clinicSearch !== null && clinicSearch.hasLocation
    readonly property var userLocation: hasLocation
        ? QtPositioning.coordinate(clinicSearch.latitude, clinicSearch.longitude)
        : defaultCenter
    property int selectedRow: -1
    property var selectedClinic: ({})

    function select(row) {
        if (!clinicModel || row < 0 || row >= clinicModel.count)
            return
        selectedRow = row
        selectedClinic = clinicModel.get(row)
        clinicList.currentIndex = row
        mapView.map.center = QtPositioning.coordinate(selectedClinic.latitude, selectedClinic.longitude)
        clinicPopup.open()
    }

    // Zooms the map so every clinic found and the user's marker are in view.
    function showAllClinics() {
        if (clinicModel && clinicModel.count > 0)
            mapView.map.fitViewportToMapItems()
    }

    function ratingText(rating, count) {
        return rating === undefined || rating === null
            ? qsTr("No rating")
            : "★ " + Number(rating).toFixed(1) + " (" + count + ")"
    }

    function openText(state, emergency) {
        var text = state === "open" ? qsTr("Open now")
                 : state === "closed" ? qsTr("Closed now") : qsTr("Hours unknown")
        return emergency ? text + " · " + qsTr("24 h / emergency") : text
    }

    Connections {
        target: root.clinicSearch
        function onLocationChanged() { mapView.map.center = root.userLocation }
    }
    Connections {
        target: root.clinicModel
        function onModelReset() {
            root.selectedRow = -1
            clinicPopup.close()
            Qt.callLater(root.showAllClinics)
        }
        function onLayoutChanged() { root.selectedRow = -1; clinicPopup.close() }
    }

    RowLayout {
        anchors.fill: parent
        spacing: 0

        ColumnLayout {
            id: sidePanel
            Layout.preferredWidth: 360
            Layout.maximumWidth: 360
            Layout.fillHeight: true
            Layout.margins: 6
            spacing: 6

            RowLayout {
                Layout.fillWidth: true
                TextField {
                    id: placeField
                    objectName: "placeField"
                    Layout.fillWidth: true
                    placeholderText: qsTr("Place or address")
                    Accessible.name: qsTr("Place or address to search near")
                    onAccepted: findPlaceButton.clicked()
                }
                Button {
                    id: findPlaceButton
                    text: qsTr("Find place")
                    enabled: placeField.text.trim().length > 0
                    onClicked: {
                        geocodeModel.query = placeField.text.trim()
                        geocodeModel.update()
                    }
                }
            }
            RowLayout {
                Layout.fillWidth: true
                Button {
                    objectName: "locateMeButton"
                    text: qsTr("My location")
                    enabled: root.clinicSearch !== null
                    onClicked: root.clinicSearch.locateMe()
                }
                Button {
                    objectName: "searchButton"
                    Layout.fillWidth: true
                    highlighted: true
                    text: root.clinicSearch && root.clinicSearch.busy ? qsTr("Searching…")
                                                                      : qsTr("Search clinics here")
                    enabled: root.clinicSearch !== null && !root.clinicSearch.busy
                    onClicked: root.clinicSearch.search()
                }
                Button {
                    objectName: "cancelSearchButton"
                    text: qsTr("Cancel")
                    visible: root.clinicSearch !== null && root.clinicSearch.busy
                    onClicked: root.clinicSearch.cancel()
                }
            }
            RowLayout {
                Layout.fillWidth: true
                Label { text: qsTr("Sort:") }
                Button {
                    objectName: "sortByDistanceButton"
                    text: qsTr("Distance")
                    checkable: true
                    checked: root.clinicModel !== null && root.clinicModel.sortMode === 0
                    onClicked: root.clinicModel.sortMode = 0
                }
                Button {
                    objectName: "sortByRatingButton"
                    text: qsTr("Rating")
                    checkable: true
                    checked: root.clinicModel !== null && root.clinicModel.sortMode === 1
                    onClicked: root.clinicModel.sortMode = 1
                }
            }
            RowLayout {
                Layout.fillWidth: true
                CheckBox {
                    objectName: "openNowCheck"
                    text: qsTr("Open now")
                    checked: root.clinicModel !== null && root.clinicModel.openNowOnly
                    onToggled: root.clinicModel.openNowOnly = checked
                }
                CheckBox {
                    objectName: "emergencyCheck"
                    text: qsTr("24 h / emergency")
                    checked: root.clinicModel !== null && root.clinicModel.emergencyOnly
                    onToggled: root.clinicModel.emergencyOnly = checked
                }
            }
            Label {
                objectName: "clinicStatus"
                Layout.fillWidth: true
                wrapMode: Text.WordWrap
                text: root.clinicSearch ? root.clinicSearch.status : ""
                // Quotes places, server messages and clinic data: never read as HTML.
                textFormat: Text.PlainText
            }
            ListView {
                id: clinicList
                objectName: "clinicList"
                Layout.fillWidth: true
                Layout.fillHeight: true
                clip: true
                model: root.clinicModel
                currentIndex: -1
                ScrollBar.vertical: ScrollBar {}
                Accessible.name: qsTr("Clinics")
                delegate: ItemDelegate {
                    id: row
                    required property int index
                    required property string name
                    required property real distanceKm
                    required property var rating
                    required property int ratingCount
                    required property string openState
                    required property bool emergency
                    required property string phone
                    width: ListView.view.width
                    highlighted: ListView.isCurrentItem
                    onClicked: root.select(index)
                    Accessible.name: name
                    contentItem: ColumnLayout {
                        spacing: 2
                        // Clinic fields come from OpenStreetMap, Google or LOCALDATA: plain text only.
                        Label {
                            objectName: "clinicRowName"
                            Layout.fillWidth: true
                            text: (row.index + 1) + ". " + (row.emergency ? "✚ " : "") + row.name
                            textFormat: Text.PlainText
                            font.bold: true
                            elide: Text.ElideRight
                        }
                        Label {
                            Layout.fillWidth: true
                            text: row.distanceKm.toFixed(1) + " km · "
                                  + root.ratingText(row.rating, row.ratingCount) + " · "
                                  + root.openText(row.openState, row.emergency)
                            textFormat: Text.PlainText
                            elide: Text.ElideRight
                            opacity: 0.8
                        }
                        Label {
                            objectName: "clinicRowPhone"
                            Layout.fillWidth: true
                            visible: row.phone.length > 0
                            text: row.phone
                            textFormat: Text.PlainText
                            opacity: 0.8
                        }
                    }
                }
            }
            Label {
                objectName: "attributionLabel"
                Layout.fillWidth: true
                wrapMode: Text.WordWrap
                font.pixelSize: 11
                text: (root.clinicSearch ? root.clinicSearch.attribution : "Map © OpenStreetMap contributors")
                textFormat: Text.PlainText
            }
        }

        MapView {
            id: mapView
            objectName: "clinicMapView"
            Layout.fillWidth: true
            Layout.fillHeight: true

            map.objectName: "clinicMap"
            map.plugin: Plugin {
                id: mapPlugin
                objectName: "clinicMapPlugin"
                name: "osm"
                // OpenStreetMap's tile and geocoding policies ask every app to identify itself.
                PluginParameter { name: "osm.useragent"; value: "Walness" }
                // Do not ask a provider-list server at start-up: opening the map needs no network.
                PluginParameter { name: "osm.mapping.providersrepository.disabled"; value: true }
                PluginParameter { name: "osm.mapping.custom.host"; value: root.tileServer }
            }
            map.center: root.userLocation
            map.zoomLevel: 13
            Component.onCompleted: {
                // The osm plugin lists its custom-URL map type last; use it when a server is set.
                var types = map.supportedMapTypes
                if (root.tileServer.length > 0 && types.length > 0)
                    map.activeMapType = types[types.length - 1]
            }

            MapItemView {
                id: clinicMarkers
                objectName: "clinicMarkers"
                parent: mapView.map
                model: root.clinicModel
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
                    z: root.selectedRow === index ? 3 : 2
                    sourceItem: Rectangle {
                        id: pin
                        width: root.selectedRow === marker.index ? 28 : 22
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
                        TapHandler { onTapped: root.select(marker.index) }
                    }
                }
            }

            MapQuickItem {
                objectName: "userMarker"
                parent: mapView.map
                visible: root.hasLocation
                coordinate: root.userLocation
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

            // Right-click (or press and hold on a touch screen) sets the search location.
            TapHandler {
                acceptedButtons: Qt.RightButton
                onTapped: (eventPoint) => root.setLocationAt(eventPoint.position)
            }
            TapHandler {
                acceptedDevices: PointerDevice.TouchScreen
                onLongPressed: root.setLocationAt(point.position)
            }
        }
    }

    function setLocationAt(position) {
        if (!clinicSearch)
            return
        var where = mapView.map.toCoordinate(mapView.mapToItem(mapView.map, position.x, position.y))
        if (where.isValid)
            clinicSearch.setLocation(where.latitude, where.longitude, "")
    }

    GeocodeModel {
        id: geocodeModel
        plugin: mapPlugin
        autoUpdate: false
        onStatusChanged: {
            if (status === GeocodeModel.Ready && count > 0 && root.clinicSearch) {
                var found = get(0)
                root.clinicSearch.setLocation(found.coordinate.latitude, found.coordinate.longitude,
                                              placeField.text.trim())
            } else if (status === GeocodeModel.Ready && count === 0) {
                geocodeMessage.text = qsTr("No place called \"%1\" was found.").arg(placeField.text.trim())
                geocodeMessage.open()
            } else if (status === GeocodeModel.Error) {
                geocodeMessage.text = qsTr("Could not look up the place (%1). Check the internet connection, or right-click the map.").arg(errorString)
                geocodeMessage.open()
            }
        }
    }

    Popup {
        id: geocodeMessage
        property alias text: geocodeText.text
        x: sidePanel.width + 20
        y: 20
        width: Math.min(360, root.width - x - 20)
        // Quotes what the user typed and the geocoder's error: plain text.
        contentItem: Label { id: geocodeText; wrapMode: Text.WordWrap; textFormat: Text.PlainText }
    }

    Popup {
        id: clinicPopup
        objectName: "clinicPopup"
        x: sidePanel.width + 20
        y: 20
        width: Math.min(380, Math.max(200, root.width - x - 20))
        padding: 12
        contentItem: ColumnLayout {
            spacing: 6
            Label {
                objectName: "popupName"
                Layout.fillWidth: true
                text: root.selectedClinic.name || ""
                textFormat: Text.PlainText
                font.bold: true
                font.pixelSize: 16
                wrapMode: Text.WordWrap
            }
            Label {
                objectName: "popupAddress"
                Layout.fillWidth: true
                visible: (root.selectedClinic.address || "").length > 0
                text: root.selectedClinic.address || ""
                textFormat: Text.PlainText
                wrapMode: Text.WordWrap
            }
            Label {
                objectName: "popupPhone"
                Layout.fillWidth: true
                visible: (root.selectedClinic.phone || "").length > 0
                text: root.selectedClinic.phone || ""
                textFormat: Text.PlainText
                wrapMode: Text.WordWrap
            }
            Label {
                Layout.fillWidth: true
                textFormat: Text.PlainText
                text: root.selectedRow < 0 ? "" :
                      Number(root.selectedClinic.distanceKm).toFixed(1) + " km · "
                      + root.ratingText(root.selectedClinic.rating, root.selectedClinic.ratingCount)
                      + " · " + root.openText(root.selectedClinic.openState, root.selectedClinic.emergency)
                wrapMode: Text.WordWrap
            }
            Label {
                Layout.fillWidth: true
                objectName: "popupSource"
                text: qsTr("Source: %1").arg(root.selectedClinic.attribution || "")
                textFormat: Text.PlainText
                font.pixelSize: 11
                opacity: 0.7
                wrapMode: Text.WordWrap
            }
            RowLayout {
                Button {
                    text: qsTr("Close")
                    onClicked: clinicPopup.close()
                }
                Button {
                    text: qsTr("Call")
                    enabled: (root.selectedClinic.phone || "").length > 0
                    onClicked: Qt.openUrlExternally(root.clinicModel.phoneUrl(root.selectedRow))
                }
                Button {
                    objectName: "websiteButton"
                    // Only http and https links open; a website tag could name any other scheme.
                    readonly property url target: root.clinicModel && root.selectedRow >= 0
                                                  ? root.clinicModel.websiteUrl(root.selectedRow) : ""
                    text: qsTr("Website")
                    enabled: target.toString().length > 0
                    onClicked: Qt.openUrlExternally(target)
                }
                Button {
                    id: directionsButton
                    text: qsTr("Directions ▾")
                    onClicked: directionsMenu.open()
                    Menu {
                        id: directionsMenu
                        y: directionsButton.height
                        MenuItem {
                            text: "OpenStreetMap"
                            onTriggered: Qt.openUrlExternally(root.clinicModel.directionsUrl(root.selectedRow, "osm"))
                        }
                        MenuItem {
                            text: qsTr("Kakao Map")
                            onTriggered: Qt.openUrlExternally(root.clinicModel.directionsUrl(root.selectedRow, "kakao"))
                        }
                        MenuItem {
                            text: "Google Maps"
                            onTriggered: Qt.openUrlExternally(root.clinicModel.directionsUrl(root.selectedRow, "google"))
                        }
                    }
                }
            }
        }
    }
}
