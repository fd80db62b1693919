import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

import "ClinicText.js" as ClinicText

// The clinics found, in the model's order: name, distance, rating, whether open, phone.
ListView {
    id: list
    objectName: "clinicList"
    clip: true
    currentIndex: -1
    ScrollBar.vertical: ScrollBar {}
    Accessible.name: qsTr("Clinics")

    // A row was clicked.
    signal clinicChosen(int row)

    delegate: ItemDelegate {
        id: row
        required property int index
        required property string name
        required property real distanceKm
        required property var rating
        required property int ratingCount
        required property string openText
        required property bool emergency
        required property string phone
        width: ListView.view.width
        highlighted: ListView.isCurrentItem
        onClicked: list.clinicChosen(index)
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
                objectName: "clinicRowSummary"
                Layout.fillWidth: true
                text: ClinicText.summary(row)
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
