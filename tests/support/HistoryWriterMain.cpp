// walness_history_writer DIR COUNT: adds a pet and COUNT diagnoses to the history in DIR, one
// transaction each, printing "committed ID" after each commit. The crash test kills it midway.
#include <QCoreApplication>

#include <cstdio>

#include "walness/history/HistoryStore.h"

using namespace walness;

int main(int argc, char* argv[]) {
  QCoreApplication app(argc, argv);
  if (argc != 3) return 2;
  auto store =
      history::HistoryStore::open(history::StoreLocation::local(QString::fromLocal8Bit(argv[1])));
  if (!store) {
    std::fprintf(stderr, "%s\n", store.message().c_str());
    return 1;
  }
  history::Pet pet;
  pet.name = "Crash test dog";
  auto petId = (*store)->addPet(pet);
  if (!petId) return 1;
  const int count = std::atoi(argv[2]);
  for (int i = 0; i < count; ++i) {
    history::NewDiagnosis entry;
    entry.petId = *petId;
    entry.diagnosis.modelId = "crash-test";
    entry.diagnosis.modelVersion = "1";
    entry.diagnosis.findings.push_back({"cataract", 0.001 * i, 0.5, false, 0});
    // Photos of some size, so that killing often lands inside a write.
    entry.photo = QByteArray(64 * 1024, char(i % 251)) + QByteArray::number(i);
    entry.region = cv::Rect(0, 0, 100, 100);
    auto id = (*store)->addDiagnosis(entry);
    if (!id) {
      std::fprintf(stderr, "%s\n", id.message().c_str());
      return 1;
    }
    std::printf("committed %lld\n", static_cast<long long>(*id));
    std::fflush(stdout);
  }
  return 0;
}
