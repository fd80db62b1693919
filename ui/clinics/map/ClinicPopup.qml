import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

import "ClinicText.js" as ClinicText

// The chosen clinic: name, address, phone, distance, rating, hours, source, and what to do next
// (call, website, directions in OpenStreetMap, Kakao Map or Google Maps).
Popup {
    id: popup
    objectName: "clinicPopup"
    padding: 12

    property var clinicModel: null
    property int row: -1
    property var clinic: ({})

    contentItem: ColumnLayout {
        spacing: 6
        Label {
            objectName: "popupName"
            Layout.fillWidth: true
            text: popup.clinic.name || ""
            textFormat: Text.PlainText
            font.bold: true
            font.pixelSize: 16
            wrapMode: Text.WordWrap
        }
        Label {
            objectName: "popupAddress"
            Layout.fillWidth: true
            visible: (popup.clinic.address || "").length > 0
            text: popup.clinic.address || ""
            textFormat: Text.PlainText
            wrapMode: Text.WordWrap
        }
        Label {
            objectName: "popupPhone"
            Layout.fillWidth: true
            visible: (popup.clinic.phone || "").length > 0
            text: popup.clinic.phone || ""
            textFormat: Text.PlainText
            wrapMode: Text.WordWrap
        }
        Label {
            Layout.fillWidth: true
            textFormat: Text.PlainText
            text: popup.row < 0 ? "" : ClinicText.summary(popup.clinic)
            wrapMode: Text.WordWrap
        }
        Label {
            Layout.fillWidth: true
            objectName: "popupSource"
            text: qsTr("Source: %1").arg(popup.clinic.attribution || "")
            textFormat: Text.PlainText
            font.pixelSize: 11
            opacity: 0.7
            wrapMode: Text.WordWrap
        }
        RowLayout {
            Button {
                text: qsTr("Close")
                onClicked: popup.close()
            }
            Button {
                text: qsTr("Call")
                enabled: (popup.clinic.phone || "").length > 0
                onClicked: Qt.openUrlExternally(popup.clinicModel.phoneUrl(popup.row))
            }
            Button {
                objectName: "websiteButton"
                // Only http and https links open; a website tag could name any other scheme.
                readonly property url target: popup.clinicModel && popup.row >= 0
                                              ? popup.clinicModel.websiteUrl(popup.row) : ""
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
                        onTriggered: Qt.openUrlExternally(popup.clinicModel.directionsUrl(popup.row, "osm"))
                    }
                    MenuItem {
                        text: qsTr("Kakao Map")
                        onTriggered: Qt.openUrlExternally(popup.clinicModel.directionsUrl(popup.row, "kakao"))
                    }
                    MenuItem {
                        text: "Google Maps"
                        onTriggered: Qt.openUrlExternally(popup.clinicModel.directionsUrl(popup.row, "google"))
                    }
                }
            }
        }
    }
}
