#pragma once

#include <QString>

#include <memory>
#include <vector>

#include "walness/Result.h"
#include "walness/clinics/Clinic.h"
#include "walness/clinics/ClinicRanking.h"

namespace walness::clinics {

// Clinics kept on this computer (SQLite through Qt SQL): the cache of searched sources and imported
// LOCALDATA. An R*Tree index over coordinates answers nearest-N queries without scanning the table.
class ClinicStore {
 public:
  static Result<std::unique_ptr<ClinicStore>> open(const QString& path);
  ~ClinicStore();
  ClinicStore(const ClinicStore&) = delete;
  ClinicStore& operator=(const ClinicStore&) = delete;

  // Inserts or replaces clinics by id, all in one transaction (all or nothing).
  Status upsert(const std::vector<Clinic>& clinics);

  // The `count` clinics nearest to `origin` within `maximumMeters`, nearest first.
  Result<std::vector<Clinic>> nearest(const GeoPoint& origin, int count,
                                      double maximumMeters = 50'000) const;

  int size() const;

 private:
  explicit ClinicStore(QString connectionName);
  QString connection_;
};

}  // namespace walness::clinics
