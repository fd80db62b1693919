import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// Where to search (a place, the user's location), the search itself, the order and the filters,
// and what the search is doing.
ColumnLayout {
    id: bar
    spacing: 6

    property var clinicModel: null
    property var clinicSearch: null
    readonly property string placeText: placeField.text.trim()

    // The user asked to look up a place by name (the map's geocoder answers).
    signal placeRequested(string place)

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
            enabled: bar.placeText.length > 0
            onClicked: bar.placeRequested(bar.placeText)
        }
    }
    RowLayout {
        Layout.fillWidth: true
        Button {
            objectName: "locateMeButton"
            text: qsTr("My location")
            enabled: bar.clinicSearch !== null
            onClicked: bar.clinicSearch.locateMe()
        }
        Button {
            objectName: "searchButton"
            Layout.fillWidth: true
            highlighted: true
            text: bar.clinicSearch && bar.clinicSearch.busy ? qsTr("Searching…")
                                                            : qsTr("Search clinics here")
            enabled: bar.clinicSearch !== null && !bar.clinicSearch.busy
            onClicked: bar.clinicSearch.search()
        }
        Button {
            objectName: "cancelSearchButton"
            text: qsTr("Cancel")
            visible: bar.clinicSearch !== null && bar.clinicSearch.busy
            onClicked: bar.clinicSearch.cancel()
        }
    }
    RowLayout {
        Layout.fillWidth: true
        Label { text: qsTr("Sort:") }
        Button {
            objectName: "sortByDistanceButton"
            text: qsTr("Distance")
            checkable: true
            checked: bar.clinicModel !== null && bar.clinicModel.sortMode === 0
            onClicked: bar.clinicModel.sortMode = 0
        }
        Button {
            objectName: "sortByRatingButton"
            text: qsTr("Rating")
            checkable: true
            checked: bar.clinicModel !== null && bar.clinicModel.sortMode === 1
            onClicked: bar.clinicModel.sortMode = 1
        }
    }
    RowLayout {
        Layout.fillWidth: true
        CheckBox {
            objectName: "openNowCheck"
            text: qsTr("Open now")
            checked: bar.clinicModel !== null && bar.clinicModel.openNowOnly
            onToggled: bar.clinicModel.openNowOnly = checked
        }
        CheckBox {
            objectName: "emergencyCheck"
            text: qsTr("24 h / emergency")
            checked: bar.clinicModel !== null && bar.clinicModel.emergencyOnly
            onToggled: bar.clinicModel.emergencyOnly = checked
        }
    }
    Label {
        objectName: "clinicStatus"
        Layout.fillWidth: true
        wrapMode: Text.WordWrap
        text: bar.clinicSearch ? bar.clinicSearch.status : ""
        // Quotes places, server messages and clinic data: never read as HTML.
        textFormat: Text.PlainText
    }
}
