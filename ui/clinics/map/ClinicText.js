.pragma library
// Words shared by the list and the clinic popup. Whether a clinic is open is worded in C++
// (ClinicListModel::openText), where the decision is.

function rating(value, count) {
    return value === undefined || value === null
        ? qsTr("No rating")
        : "★ " + Number(value).toFixed(1) + " (" + count + ")"
}

// One line: distance, rating, whether it is open now.
function summary(clinic) {
    return Number(clinic.distanceKm).toFixed(1) + " km · " + rating(clinic.rating, clinic.ratingCount)
        + " · " + clinic.openText
}
