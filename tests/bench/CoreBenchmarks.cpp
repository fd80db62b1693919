// Google Benchmark suites for the engine (built with the tests, not run by ctest):
//   scripts/dev exec -- build/bin/walness_core_bench
// scripts/bench-python-baseline runs them next to a naive PyTorch-Python pipeline.
#include <benchmark/benchmark.h>

#include <torch/torch.h>

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>

#include <chrono>
#include <cstdlib>
#include <map>
#include <memory>
#include <random>

#include "walness/batch/BatchRunner.h"
#include "walness/bundle/ModelBundle.h"
#include "walness/cam/CamMethod.h"
#include "walness/clinics/ClinicStore.h"
#include "walness/gate/EyeFinder.h"
#include "walness/gate/EyeGate.h"
#include "walness/imaging/ImageDecoder.h"
#include "walness/imaging/Preprocess.h"
#include "walness/inference/Classifier.h"
#include "walness/inference/ScreeningSession.h"
#include "walness/nn/MobileNetV2.h"
#include "walness/nn/PreparedConv.h"
#include "walness/nn/Safetensors.h"
#include "walness/nn/StateDict.h"
#include "walness/training/AdaptiveOptimizer.h"
#include "walness/training/TrainingStep.h"
#include "walness/training/distributed/DistributedContext.h"

namespace {

QString sharedDir() {
  const QString fromEnvironment = qEnvironmentVariable("WALNESS_SHARED_DIR");
  return fromEnvironment.isEmpty()
             ? QDir::cleanPath(QStringLiteral(WALNESS_SOURCE_DIR "/../shared"))
             : fromEnvironment;
}

// A five-disease bundle with the shipped dog model's weights (models/dog-eye-mobilenetv2), so the
// ONNX Runtime anchor in scripts/bench-python-baseline times the very same network.
struct Fixture {
  QTemporaryDir dir;
  std::unique_ptr<walness::inference::Classifier> classifier;
  QTemporaryDir gatedDir;
  std::unique_ptr<walness::inference::Classifier> gatedClassifier;
  QByteArray jpeg;
  cv::Mat photo;

  Fixture() {
    walness::bundle::ModelCard card;
    card.id = "bench";
    card.version = "0";
    card.architecture = "mobilenet_v2";
    card.input.size = 224;
    card.input.mean = {128, 128, 128};
    card.input.std = {128, 128, 128};
    for (const char* id : {"conjunctivitis", "cataract", "blepharitis", "ulcerative_keratitis",
                           "nonulcerative_keratitis"})
      card.labels.push_back({id, 0.5});
    card.camLayer = "features.18";
    torch::manual_seed(0);
    walness::nn::MobileNetV2 network(5);
    auto shipped = walness::nn::readSafetensors(WALNESS_SOURCE_DIR
                                                "/models/dog-eye-mobilenetv2/weights.safetensors");
    (void)walness::nn::loadStateDict(*network, shipped->tensors, "bench");
    (void)walness::bundle::writeModelBundle(dir.path().toStdString(), card, *network);
    classifier = std::move(walness::inference::Classifier::load(dir.path().toStdString()).value());
    // The same bundle with an eye gate (the shipped head's shape). Its thresholds never refuse,
    // so the gated run does every step the plain one does, plus the gate.
    const QString gated = gatedDir.filePath(QStringLiteral("bench"));
    QDir().mkpath(gated);
    for (const QString& name :
         {QStringLiteral("model.json"), QStringLiteral("weights.safetensors")})
      QFile::copy(dir.filePath(name), gated + "/" + name);
    walness::gate::EyeGateCard gateCard;
    gateCard.backboneModelId = card.id;
    gateCard.backboneWeightsSha256 = classifier->card().weightsSha256;
    gateCard.notEyeThreshold = 1.0;
    gateCard.otherSpeciesThreshold = 1.0;
    (void)walness::gate::writeEyeGate(gated.toStdString(), gateCard,
                                      walness::gate::EyeGateHead(1280, gateCard.hidden));
    gatedClassifier = std::move(walness::inference::Classifier::load(gated.toStdString()).value());

    QFile file(sharedDir() + QStringLiteral("/data/dog-eye/images/779f01b27d0a7e3a.jpg"));
    file.open(QIODevice::ReadOnly);
    jpeg = file.readAll();
    photo =
        walness::imaging::decodeImageBytes(reinterpret_cast<const unsigned char*>(jpeg.constData()),
                                           size_t(jpeg.size()), "bench.jpg")
            .value()
            .rgb;
  }
};

// The first val photo of cat-photos (its file name under images/).
QString firstValCatPhoto() {
  QFile labels(sharedDir() + QStringLiteral("/data/cat-photos/labels.csv"));
  if (!labels.open(QIODevice::ReadOnly)) return {};
  while (!labels.atEnd()) {
    const QList<QByteArray> cells = labels.readLine().split(',');
    if (cells.size() > 1 && cells[1] == "val")
      return QString::fromUtf8(cells[0]).section(QLatin1Char('/'), -1);
  }
  return {};
}

Fixture& fixture() {
  static Fixture instance;
  return instance;
}

void setThreads(benchmark::State& state) {
  torch::set_num_threads(int(state.range(0)));
}

void BM_DecodePreprocess(benchmark::State& state) {
  setThreads(state);
  auto& f = fixture();
  for (auto _ : state) {
    auto decoded = walness::imaging::decodeImageBytes(
        reinterpret_cast<const unsigned char*>(f.jpeg.constData()), size_t(f.jpeg.size()), "b.jpg");
    auto input = walness::imaging::preprocess(decoded->rgb, f.classifier->card().input);
    benchmark::DoNotOptimize(input->input.data_ptr());
  }
}

// The network alone: features + head under InferenceMode on a ready input tensor.
void BM_NetworkForward(benchmark::State& state) {
  setThreads(state);
  auto& f = fixture();
  auto bundle = walness::bundle::loadModelBundle(f.dir.path().toStdString());
  auto input = walness::imaging::preprocess(f.photo, f.classifier->card().input)->input;
  for (auto _ : state) {
    torch::InferenceMode mode;
    benchmark::DoNotOptimize(bundle->network->forward(input).data_ptr());
  }
}

// The network as the app runs it (BatchNorm folded, weights prepared when the bundle loads) on a
// ready input: the row to compare with ONNX Runtime's. Second argument: 1 lets the convolutions
// use oneDNN's prepacked kernels (the app's path), 0 keeps ATen's plain kernel for every one.
void BM_PreparedNetwork(benchmark::State& state) {
  setThreads(state);
  auto& f = fixture();
  walness::nn::PreparedConv::allowPrepacked(state.range(1) != 0);
  auto bundle = walness::bundle::loadModelBundle(f.dir.path().toStdString());
  bundle->network->eval();
  bundle->network->prepareForInference();
  auto input = walness::imaging::preprocess(f.photo, f.classifier->card().input)->input;
  for (auto _ : state) {
    torch::InferenceMode mode;
    benchmark::DoNotOptimize(bundle->network->forward(input).data_ptr());
  }
  walness::nn::PreparedConv::allowPrepacked(true);
}

// What the app does for a result without a heatmap: preprocess, quality, forward, findings.
void BM_Forward(benchmark::State& state) {
  setThreads(state);
  auto& f = fixture();
  for (auto _ : state) benchmark::DoNotOptimize(f.classifier->diagnose(f.photo)->findings.data());
}

// The same plus one Grad-CAM for the top finding, mapped onto the photo.
void BM_ForwardCam(benchmark::State& state) {
  setThreads(state);
  auto& f = fixture();
  const walness::cam::GradCam method;
  for (auto _ : state)
    benchmark::DoNotOptimize(f.classifier->explain(f.photo, std::nullopt, method)->heatmaps.size());
}

// A shipped dog bundle as the app runs it on one photo: eye gate, findings and the top finding's
// Grad-CAM (arg 0: models/dog-eye-mobilenetv2 1.1.0; arg 1: models/dog-eye-ensemble 2.0.0, its
// two members). The limit: the new model's time under 3x 1.1.0's.
void BM_ShippedForwardCam(benchmark::State& state) {
  torch::set_num_threads(2);
  static std::map<int64_t, std::unique_ptr<walness::inference::Classifier>> loaded;
  const int64_t which = state.range(0);
  if (!loaded.count(which)) {
    auto classifier = walness::inference::Classifier::load(
        which == 0 ? WALNESS_SOURCE_DIR "/models/dog-eye-mobilenetv2"
                   : WALNESS_SOURCE_DIR "/models/dog-eye-ensemble");
    if (!classifier) {
      state.SkipWithError(classifier.message().c_str());
      return;
    }
    loaded[which] = std::move(classifier.value());
  }
  auto& f = fixture();
  const walness::cam::GradCam method;
  for (auto _ : state)
    benchmark::DoNotOptimize(
        loaded[which]->explain(f.photo, std::nullopt, method)->heatmaps.size());
}

// Heatmaps for all five diseases from one forward pass.
void BM_ForwardAllCams(benchmark::State& state) {
  setThreads(state);
  auto& f = fixture();
  const walness::cam::GradCam method;
  for (auto _ : state)
    benchmark::DoNotOptimize(
        f.classifier->explain(f.photo, std::nullopt, method, {"*"})->heatmaps.size());
}

// The app's path with the eye gate: gate + findings + all heatmaps from one forward pass.
void BM_ForwardAllCamsGate(benchmark::State& state) {
  setThreads(state);
  auto& f = fixture();
  const walness::cam::GradCam method;
  for (auto _ : state)
    benchmark::DoNotOptimize(
        f.gatedClassifier->explain(f.photo, std::nullopt, method, {"*"})->heatmaps.size());
}

// Many photos with the model loaded once, as a batch run does: each is read from disk, decoded,
// checked and screened. Reported per photo, to compare with BM_Forward's single ready photo.
// The batch as `walness-cli batch` runs it (BatchRunner): 16 val photos read from disk, decoded
// (the next one while the current one is screened), screened and written as CSV rows. The
// issue's target: throughput >= 0.9x the forward-only throughput of BM_Forward.
void BM_BatchPhotos(benchmark::State& state) {
  setThreads(state);
  auto& f = fixture();
  static QTemporaryDir folder;
  static const QString photos = [] {
    const QString path = folder.filePath(QStringLiteral("photos"));
    QDir().mkpath(path);
    QFile labels(sharedDir() + QStringLiteral("/data/dog-eye/labels.csv"));
    labels.open(QIODevice::ReadOnly);
    int copied = 0;
    while (!labels.atEnd() && copied < 16) {
      const QByteArray line = labels.readLine();
      if (!line.contains(",val,")) continue;
      const QString image = QString::fromUtf8(line.left(line.indexOf(',')));
      QFile::copy(sharedDir() + QStringLiteral("/data/dog-eye/") + image,
                  path + QLatin1Char('/') + QFileInfo(image).fileName());
      ++copied;
    }
    return path;
  }();
  static auto session =
      std::move(walness::inference::ScreeningSession::open(f.dir.path().toStdString()).value());
  const QString csv = folder.filePath(QStringLiteral("batch.csv"));
  int screened = 0;
  for (auto _ : state) {
    QFile::remove(csv);  // a fresh batch each time, not a resumed one
    walness::batch::BatchOptions options;
    options.folder = photos;
    options.csvPath = csv;
    auto summary = walness::batch::BatchRunner(*session, options).run();
    if (!summary) state.SkipWithError(summary.message().c_str());
    screened = summary->screened + summary->abstained;
  }
  state.SetItemsProcessed(int64_t(state.iterations()) * screened);
  state.counters["photos"] = double(screened);
}

// The clinic store: nearest 20 of 10,000 clinics spread over about 100 x 100 km (the R*Tree
// query the clinic list runs; target < 5 ms).
// `walness-cli locate` without process start and model loading: the shipped model's eye finder on
// a whole-animal val photo (arg 1: dog, a 500x375 photo from dog-photos; cat, a 480x480 photo from
// cat-photos). The target: at most 0.4 s per photo on 2 cores.
void BM_Locate(benchmark::State& state) {
  torch::set_num_threads(2);
  static auto shipped =
      walness::inference::Classifier::load(WALNESS_SOURCE_DIR "/models/dog-eye-mobilenetv2");
  if (!shipped || !shipped.value()->eyeGate()) {
    state.SkipWithError("the shipped model has no eye gate");
    return;
  }
  const bool dog = state.range(0) == 1;
  const QString path =
      sharedDir() + (dog ? QStringLiteral("/data/dog-photos/images/f5050e3b7f91f71c.jpg")
                         : QStringLiteral("/data/cat-photos/images/") + firstValCatPhoto());
  auto decoded = walness::imaging::decodeImageFile(path.toStdString());
  if (!decoded) {
    state.SkipWithError(decoded.message().c_str());
    return;
  }
  const walness::gate::EyeFinder finder(shipped.value()->network(), *shipped.value()->eyeGate(),
                                        shipped.value()->card().input);
  const walness::Species species = dog ? walness::Species::Dog : walness::Species::Cat;
  for (auto _ : state) benchmark::DoNotOptimize(finder.find(decoded->rgb, species).size());
}

void BM_NearestClinics(benchmark::State& state) {
  static QTemporaryDir dir;
  // Kept until exit on purpose: closing SQLite after QCoreApplication is gone only warns.
  static walness::clinics::ClinicStore* store = [] {
    auto opened = walness::clinics::ClinicStore::open(dir.filePath(QStringLiteral("bench.sqlite")));
    std::vector<walness::clinics::Clinic> clinics(10'000);
    std::mt19937 random(7);
    std::uniform_real_distribution<double> spread(-0.45, 0.45);
    for (size_t i = 0; i < clinics.size(); ++i) {
      clinics[i].id = "bench:" + std::to_string(i);
      clinics[i].name = "Clinic " + std::to_string(i);
      clinics[i].latitude = 36.8 + spread(random);
      clinics[i].longitude = 127.1 + spread(random);
    }
    (void)(*opened)->upsert(clinics);
    return opened.value().release();
  }();
  std::mt19937 random(11);
  std::uniform_real_distribution<double> spread(-0.3, 0.3);
  for (auto _ : state) {
    const walness::clinics::GeoPoint origin{36.8 + spread(random), 127.1 + spread(random)};
    auto nearest = store->nearest(origin, 20);
    if (!nearest || nearest->size() != 20) state.SkipWithError("fewer than 20 clinics found");
    benchmark::DoNotOptimize(nearest->data());
  }
}

// Training as `walness-cli train` runs it (TrainingStep): MobileNetV2 224 px on the ImageNet
// backbone with a five-disease head, every block trainable, BatchNorm statistics kept, AdamW
// (backbone at 0.1 of the head's rate), masked BCE; forward + backward + optimizer step on a
// synthetic batch of `rows` photos. scripts/bench-python-baseline runs the same in PyTorch-Python.
// Reports photos per second (the whole batch over all ranks) and the all-reduce share.
void runTrainSteps(benchmark::State& state, int64_t rows, int64_t globalRows,
                   walness::training::DistributedContext* context, bool overlap) {
  torch::manual_seed(0);
  walness::nn::MobileNetV2 network(5);
  auto imagenet = walness::nn::readSafetensors(
      (sharedDir() + QStringLiteral("/pretrained/mobilenet_v2_imagenet.safetensors"))
          .toStdString());
  auto weights = walness::nn::stateDict(*network);
  for (auto& [name, tensor] : imagenet->tensors)
    if (name.rfind("features.", 0) == 0) weights[name] = tensor;
  (void)walness::nn::loadStateDict(*network, weights, "bench");
  network->freezeFeatureBlocks(0);
  network->keepNormStatistics(true);
  network->train();
  std::vector<walness::training::AdaptiveOptimizer::Parameter> parameters;
  for (const auto& item : network->named_parameters())
    parameters.push_back(
        {item.key(), item.value(), item.key().rfind("classifier.", 0) == 0 ? 1.0 : 0.1});
  walness::training::AdaptiveOptimizer optimizer(parameters, {});
  walness::training::TrainingStep step(
      *network, optimizer, torch::tensor({1.0f, 2.0f, 3.0f, 4.0f, 5.0f}), context, overlap);
  walness::training::Batch batch;
  batch.inputs = torch::randn({rows, 3, 224, 224});
  batch.targets = (torch::rand({rows, 5}) > 0.5).to(torch::kFloat);
  batch.known = torch::ones({rows, 5});
  batch.indices.resize(size_t(rows));
  if (auto warmup = step.run(batch, false); !warmup) state.SkipWithError(warmup.message().c_str());
  const double communicationBefore = step.communicationSeconds();
  const auto start = std::chrono::steady_clock::now();
  for (auto _ : state) {
    auto result = step.run(batch, false);
    if (!result) {
      state.SkipWithError(result.message().c_str());
      break;
    }
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  state.SetItemsProcessed(int64_t(state.iterations()) * globalRows);
  state.counters["allreduce_share"] =
      (step.communicationSeconds() - communicationBefore) / std::max(1e-9, seconds);
}

// One process, batch 32, state.range(0) threads.
void BM_TrainStep(benchmark::State& state) {
  setThreads(state);
  runTrainSteps(state, 32, 32, nullptr, false);
}

// One rank of a distributed run started by scripts/bench-python-baseline (WORLD_SIZE, RANK,
// MASTER_ADDR, MASTER_PORT; WALNESS_BENCH_THREADS threads): each rank 32 / WORLD_SIZE photos of
// the batch of 32. state.range(0): 1 = all-reduce overlapped with backward.
void BM_TrainStepDistributed(benchmark::State& state) {
  static std::unique_ptr<walness::training::DistributedContext> context = [] {
    std::unique_ptr<walness::training::DistributedContext> connected;
    if (!std::getenv("WORLD_SIZE")) return connected;
    walness::training::DistributedSettings settings;
    settings.worldSize = std::atoi(std::getenv("WORLD_SIZE"));
    settings.rank = std::atoi(std::getenv("RANK"));
    settings.masterAddress = std::getenv("MASTER_ADDR");
    settings.masterPort = std::atoi(std::getenv("MASTER_PORT"));
    auto made = walness::training::DistributedContext::connect(settings);
    if (made)
      connected = std::move(*made);
    else
      std::fprintf(stderr, "%s\n", made.message().c_str());
    return connected;
  }();
  if (!context) {
    state.SkipWithError("run by scripts/bench-python-baseline (needs WORLD_SIZE, RANK, ...)");
    return;
  }
  const char* threads = std::getenv("WALNESS_BENCH_THREADS");
  torch::set_num_threads(threads ? std::atoi(threads) : 1);
  runTrainSteps(state, 32 / context->worldSize(), 32, context.get(), state.range(0) == 1);
}

}  // namespace

BENCHMARK(BM_NearestClinics)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Locate)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->MinTime(3.0);
BENCHMARK(BM_BatchPhotos)->Arg(2)->Unit(benchmark::kMillisecond)->MinTime(2.0);
BENCHMARK(BM_DecodePreprocess)->Arg(2)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_NetworkForward)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->MinTime(2.0);
BENCHMARK(BM_PreparedNetwork)
    ->Args({2, 0})
    ->Args({2, 1})
    ->Unit(benchmark::kMillisecond)
    ->MinTime(2.0);
BENCHMARK(BM_Forward)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->MinTime(2.0);
BENCHMARK(BM_ForwardCam)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->MinTime(2.0);
BENCHMARK(BM_ForwardAllCams)->Arg(2)->Unit(benchmark::kMillisecond)->MinTime(2.0);
BENCHMARK(BM_ForwardAllCamsGate)->Arg(2)->Unit(benchmark::kMillisecond)->MinTime(2.0);
BENCHMARK(BM_ShippedForwardCam)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond)->MinTime(2.0);
// A few seconds a step: a fixed number of steps (the same on every rank).
BENCHMARK(BM_TrainStep)
    ->Arg(1)
    ->Arg(2)
    ->Unit(benchmark::kMillisecond)
    ->Iterations(4)
    ->UseRealTime();
BENCHMARK(BM_TrainStepDistributed)
    ->Arg(0)
    ->Arg(1)
    ->Unit(benchmark::kMillisecond)
    ->Iterations(4)
    ->UseRealTime();

int main(int argc, char** argv) {
  QCoreApplication app(argc, argv);
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
