import QtQuick
import QtQuick.Controls

// A short message over the map, e.g. why a place was not found.
Popup {
    id: popup
    property alias text: message.text

    function show(text) {
        popup.text = text
        popup.open()
    }

    // Quotes what the user typed and the geocoder's error: plain text.
    contentItem: Label { id: message; wrapMode: Text.WordWrap; textFormat: Text.PlainText }
}
