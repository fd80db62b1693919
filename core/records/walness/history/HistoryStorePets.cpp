// HistoryStore: pets.
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>

#include <string>
#include <vector>

#include "walness/history/HistoryStore.h"
#include "walness/history/SqlSupport.h"

namespace walness::history {

using namespace sql;

namespace {

Pet petFrom(const QSqlQuery& query) {
  Pet pet;
  pet.id = query.value(0).toLongLong();
  pet.name = query.value(1).toString().toStdString();
  pet.species = speciesFromId(query.value(2).toString().toStdString()).value_or(Species::Dog);
  pet.breed = query.value(3).toString().toStdString();
  if (!query.value(4).isNull()) pet.birthYear = query.value(4).toInt();
  pet.notes = query.value(5).toString().toStdString();
  pet.createdAt = query.value(6).toString().toStdString();
  return pet;
}

}  // namespace

Result<int64_t> HistoryStore::addPet(const Pet& pet) {
  if (pet.name.empty()) return Error{"a pet needs a name"};
  QSqlDatabase db = QSqlDatabase::database(connection_);
  QSqlQuery query(db);
  query.prepare(QStringLiteral(
      "INSERT INTO pets (name, species, breed, birth_year, notes, created_at) VALUES (?, ?, ?, "
      "?, ?, ?) RETURNING id"));
  query.addBindValue(qs(pet.name));
  query.addBindValue(qs(std::string(speciesId(pet.species))));
  query.addBindValue(qs(pet.breed));
  query.addBindValue(nullable(pet.birthYear));
  query.addBindValue(qs(pet.notes));
  query.addBindValue(pet.createdAt.empty() ? nowIso() : qs(pet.createdAt));
  if (!query.exec() || !query.next()) return Error{sqlError(query.lastError())};
  return int64_t(query.value(0).toLongLong());
}

Status HistoryStore::updatePet(const Pet& pet) {
  if (pet.name.empty()) return Error{"a pet needs a name"};
  QSqlQuery query(QSqlDatabase::database(connection_));
  query.prepare(QStringLiteral(
      "UPDATE pets SET name = ?, species = ?, breed = ?, birth_year = ?, notes = ? WHERE id = ?"));
  query.addBindValue(qs(pet.name));
  query.addBindValue(qs(std::string(speciesId(pet.species))));
  query.addBindValue(qs(pet.breed));
  query.addBindValue(nullable(pet.birthYear));
  query.addBindValue(qs(pet.notes));
  query.addBindValue(qint64(pet.id));
  if (!query.exec()) return Error{sqlError(query.lastError())};
  if (query.numRowsAffected() != 1) return Error{"history: no pet " + std::to_string(pet.id)};
  return Ok{};
}

Result<std::vector<Pet>> HistoryStore::pets() const {
  QSqlQuery query(QSqlDatabase::database(connection_));
  if (!query.exec(QStringLiteral(
          "SELECT id, name, species, breed, birth_year, notes, created_at FROM pets WHERE "
          "deleted_at IS NULL ORDER BY lower(name), id")))
    return Error{sqlError(query.lastError())};
  std::vector<Pet> pets;
  while (query.next()) pets.push_back(petFrom(query));
  return pets;
}

Result<Pet> HistoryStore::pet(int64_t id) const {
  QSqlQuery query(QSqlDatabase::database(connection_));
  query.prepare(QStringLiteral(
      "SELECT id, name, species, breed, birth_year, notes, created_at FROM pets WHERE id = ?"));
  query.addBindValue(qint64(id));
  if (!query.exec()) return Error{sqlError(query.lastError())};
  if (!query.next()) return Error{"history: no pet " + std::to_string(id)};
  return petFrom(query);
}

Result<std::optional<Pet>> HistoryStore::findPet(const std::string& name, Species species) const {
  QSqlQuery query(QSqlDatabase::database(connection_));
  query.prepare(QStringLiteral(
      "SELECT id, name, species, breed, birth_year, notes, created_at FROM pets WHERE "
      "deleted_at IS NULL AND name = ? AND species = ? ORDER BY id LIMIT 1"));
  query.addBindValue(qs(name));
  query.addBindValue(qs(std::string(speciesId(species))));
  if (!query.exec()) return Error{sqlError(query.lastError())};
  if (!query.next()) return std::optional<Pet>();
  return std::optional<Pet>(petFrom(query));
}

}  // namespace walness::history
