import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import QtPositioning

// The clinic finder: the search bar and the list of clinics beside an OpenStreetMap view with
// their markers, and popups for a clinic and for messages. List and map show the same sorted and
// filtered model (C++ ClinicSortFilterModel); ClinicSearch finds the clinics. Opening it needs no
// network; tiles load when reachable.
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

            ClinicSearchBar {
                Layout.fillWidth: true
                clinicModel: root.clinicModel
                clinicSearch: root.clinicSearch
                onPlaceRequested: (place) => geocoder.lookUp(place)
            }
            ClinicList {
                id: clinicList
                Layout.fillWidth: true
                Layout.fillHeight: true
                model: root.clinicModel
                onClinicChosen: (row) => root.select(row)
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

        ClinicMapView {
            id: mapView
            Layout.fillWidth: true
            Layout.fillHeight: true
            clinicModel: root.clinicModel
            tileServer: root.tileServer
            hasLocation: root.hasLocation
            userLocation: root.userLocation
            selectedRow: root.selectedRow
            onMarkerTapped: (row) => root.select(row)
            onLocationPicked: (latitude, longitude) => {
                if (root.clinicSearch)
                    root.clinicSearch.setLocation(latitude, longitude, "")
            }
        }
    }

    PlaceGeocoder {
        id: geocoder
        plugin: mapView.map.plugin
        onFound: (latitude, longitude, place) => {
            if (root.clinicSearch)
                root.clinicSearch.setLocation(latitude, longitude, place)
        }
        onFailed: (message) => placeMessage.show(message)
    }

    MessagePopup {
        id: placeMessage
        x: sidePanel.width + 20
        y: 20
        width: Math.min(360, root.width - x - 20)
    }

    ClinicPopup {
        id: clinicPopup
        x: sidePanel.width + 20
        y: 20
        width: Math.min(380, Math.max(200, root.width - x - 20))
        clinicModel: root.clinicModel
        row: root.selectedRow
        clinic: root.selectedClinic
    }
}
