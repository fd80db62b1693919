// c10d's Gloo backend is only declared with USE_C10D_GLOO (Debian's libtorch is built with it).
#ifndef USE_C10D_GLOO
#define USE_C10D_GLOO 1
#endif
#include "walness/training/distributed/DistributedContext.h"

#include <torch/torch.h>
#include <torch/csrc/distributed/c10d/PrefixStore.hpp>
#include <torch/csrc/distributed/c10d/ProcessGroupGloo.hpp>
#include <torch/csrc/distributed/c10d/TCPStore.hpp>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <mutex>
#include <thread>

namespace walness::training {

namespace {

using Clock = std::chrono::steady_clock;
constexpr auto kHeartbeatInterval = std::chrono::milliseconds(500);
constexpr auto kPollInterval = std::chrono::milliseconds(100);
const std::string kPrefix = "walness/";

std::string rankKey(const char* what, int rank) {
  return kPrefix + what + "/" + std::to_string(rank);
}

std::string text(const std::vector<uint8_t>& bytes) {
  return std::string(bytes.begin(), bytes.end());
}

std::vector<uint8_t> bytes(const std::string& value) {
  return std::vector<uint8_t>(value.begin(), value.end());
}

std::string firstLine(const std::string& message) {
  return message.substr(0, message.find('\n'));
}

std::string rankList(const std::vector<int>& ranks) {
  std::string list = ranks.size() > 1 ? "ranks " : "rank ";
  for (size_t i = 0; i < ranks.size(); ++i) list += (i ? ", " : "") + std::to_string(ranks[i]);
  return list;
}

bool isLoopback(const std::string& host) {
  return host == "localhost" || host.rfind("127.", 0) == 0 || host == "::1";
}

}  // namespace

struct DistributedContext::Impl {
  DistributedSettings settings;
  std::chrono::milliseconds timeout{60000};
  c10::intrusive_ptr<c10d::TCPStore> store;
  c10::intrusive_ptr<c10d::ProcessGroupGloo> group;
  std::vector<c10::intrusive_ptr<c10d::Work>> pending;
  int64_t messageCounter = 0;
  int goneRanks = 0;  // failed or silent ranks found by the last diagnosis

  // The heartbeat runs on its own store connection, so it never waits behind a blocking call.
  std::thread heartbeat;
  std::mutex heartbeatMutex;
  std::condition_variable heartbeatStop;
  bool stopping = false;

  void startHeartbeat() {
    c10d::TCPStoreOptions options;
    options.port = uint16_t(settings.masterPort);
    options.isServer = false;
    options.waitWorkers = false;
    options.useLibUV = false;  // Debian's libtorch is built without libuv
    options.timeout = timeout;
    auto client = c10::make_intrusive<c10d::TCPStore>(settings.masterAddress, options);
    heartbeat = std::thread([this, client] {
      const std::string key = rankKey("heartbeat", settings.rank);
      std::unique_lock lock(heartbeatMutex);
      while (!stopping) {
        try {
          client->add(key, 1);
        } catch (const std::exception&) {
          return;  // the store is gone: rank 0 ended; whoever needs it reports that
        }
        heartbeatStop.wait_for(lock, kHeartbeatInterval, [this] { return stopping; });
      }
    });
  }

  ~Impl() {
    {
      std::lock_guard lock(heartbeatMutex);
      stopping = true;
    }
    heartbeatStop.notify_all();
    if (heartbeat.joinable()) heartbeat.join();
  }

  int64_t heartbeatOf(int rank) { return store->add(rankKey("heartbeat", rank), 0); }
};

DistributedContext::DistributedContext(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {
}

DistributedContext::~DistributedContext() = default;

int DistributedContext::rank() const {
  return impl_->settings.rank;
}

int DistributedContext::worldSize() const {
  return impl_->settings.worldSize;
}

Result<std::unique_ptr<DistributedContext>> DistributedContext::connect(
    const DistributedSettings& settings) {
  if (settings.worldSize < 1) return Error{"the world size must be at least 1"};
  if (settings.rank < 0 || settings.rank >= settings.worldSize)
    return Error{"rank " + std::to_string(settings.rank) + " is outside 0.." +
                 std::to_string(settings.worldSize - 1)};
  if (settings.masterPort < 1 || settings.masterPort > 65535)
    return Error{"the master port must be 1..65535, not " + std::to_string(settings.masterPort)};
  if (settings.masterAddress.empty()) return Error{"no master address"};
  auto impl = std::make_unique<Impl>();
  impl->settings = settings;
  impl->timeout = std::chrono::milliseconds(int64_t(std::max(1.0, settings.timeoutSeconds) * 1000));
  const std::string master = settings.masterAddress + ":" + std::to_string(settings.masterPort);
  const std::string seconds = std::to_string(int(settings.timeoutSeconds)) + " s";
  try {
    c10d::TCPStoreOptions options;
    options.port = uint16_t(settings.masterPort);
    options.isServer = settings.rank == 0;
    options.waitWorkers = false;
    options.useLibUV = false;  // Debian's libtorch is built without libuv
    options.timeout = impl->timeout;
    impl->store = c10::make_intrusive<c10d::TCPStore>(settings.masterAddress, options);
    impl->startHeartbeat();
  } catch (const std::exception& error) {
    return Error{settings.rank == 0
                     ? "rank 0 could not serve the rendezvous store on " + master + ": " +
                           firstLine(error.what())
                     : "rank " + std::to_string(settings.rank) + " could not reach rank 0 at " +
                           master + " within " + seconds + ": " + firstLine(error.what())};
  }

  // Every rank signs in; all wait until everyone has, or name those that never came.
  try {
    impl->store->set(rankKey("joined", settings.rank), bytes("1"));
    const Clock::time_point deadline = Clock::now() + impl->timeout;
    for (;;) {
      std::vector<int> missing;
      for (int r = 0; r < settings.worldSize; ++r)
        if (!impl->store->check({rankKey("joined", r)})) missing.push_back(r);
      if (missing.empty()) break;
      if (Clock::now() > deadline)
        return Error{rankList(missing) + " of " + std::to_string(settings.worldSize) +
                     " never connected to " + master + " within " + seconds};
      std::this_thread::sleep_for(kPollInterval);
    }
  } catch (const std::exception& error) {
    return Error{"rank 0 was lost while the ranks were connecting (" + master +
                 " no longer answers): " + firstLine(error.what())};
  }

  try {
    auto options = c10d::ProcessGroupGloo::Options::create(impl->timeout);
    const char* interface = std::getenv("GLOO_SOCKET_IFNAME");
    if (interface && *interface)
      options->devices.push_back(c10d::ProcessGroupGloo::createDeviceForInterface(interface));
    else if (isLoopback(settings.masterAddress))
      options->devices.push_back(c10d::ProcessGroupGloo::createDeviceForHostname("127.0.0.1"));
    else
      options->devices.push_back(c10d::ProcessGroupGloo::createDefaultDevice());
    options->threads = 1;  // collectives run one at a time; the compute threads keep the cores
    auto prefixed = c10::make_intrusive<c10d::PrefixStore>("gloo", impl->store);
    impl->group = c10::make_intrusive<c10d::ProcessGroupGloo>(prefixed, settings.rank,
                                                              settings.worldSize, options);
  } catch (const std::exception& error) {
    std::unique_ptr<DistributedContext> context(new DistributedContext(std::move(impl)));
    return context->lost("setting up the Gloo process group", firstLine(error.what()));
  }
  return std::unique_ptr<DistributedContext>(new DistributedContext(std::move(impl)));
}

Error DistributedContext::lost(const std::string& during, const std::string& detail) {
  Impl& s = *impl_;
  std::string who;
  try {
    std::vector<std::string> failures;
    for (int r = 0; r < s.settings.worldSize; ++r) {
      if (r == s.settings.rank || !s.store->check({rankKey("failed", r)})) continue;
      failures.push_back("rank " + std::to_string(r) +
                         " failed: " + text(s.store->get(rankKey("failed", r))));
    }
    for (const std::string& failure : failures) who += (who.empty() ? "" : "; ") + failure;
    s.goneRanks = int(failures.size());
    if (s.settings.rank != 0 && s.store->check({rankKey("failed", 0)}))
      s.store->add(kPrefix + "failures-read", 1);
    if (who.empty()) {
      // A rank whose heartbeat stands still for several beats is gone.
      std::vector<int64_t> before;
      for (int r = 0; r < s.settings.worldSize; ++r) before.push_back(s.heartbeatOf(r));
      std::this_thread::sleep_for(kHeartbeatInterval * 5);
      std::vector<int> silent;
      for (int r = 0; r < s.settings.worldSize; ++r)
        if (r != s.settings.rank && s.heartbeatOf(r) == before[size_t(r)]) silent.push_back(r);
      s.goneRanks = int(silent.size());
      if (!silent.empty())
        who = rankList(silent) + " was lost (no heartbeat for " +
              std::to_string(5 * kHeartbeatInterval.count() / 1000.0).substr(0, 3) + " s)";
    }
  } catch (const std::exception&) {
    who = s.settings.rank == 0
              ? "the rendezvous store stopped answering"
              : "rank 0 was lost (its rendezvous store at " + s.settings.masterAddress + ":" +
                    std::to_string(s.settings.masterPort) + " no longer answers)";
  }
  if (who.empty()) who = "no rank is known to be lost, but the collective failed";
  return Error{"distributed training stopped on rank " + std::to_string(s.settings.rank) +
               " during " + during + ": " + who + " [" + firstLine(detail) + "]"};
}

Status DistributedContext::allReduceSum(at::Tensor& tensor, const std::string& during) {
  startAllReduceSum(tensor);
  return waitAll(during);
}

void DistributedContext::startAllReduceSum(at::Tensor tensor) {
  std::vector<at::Tensor> tensors{std::move(tensor)};
  try {
    impl_->pending.push_back(impl_->group->allreduce(tensors));
  } catch (const std::exception& error) {
    // Reported by waitAll: a work that failed to start is replaced by none.
    impl_->pending.push_back(c10::intrusive_ptr<c10d::Work>());
    reportFailure(std::string("could not start an all-reduce: ") + firstLine(error.what()));
  }
}

Status DistributedContext::waitAll(const std::string& during) {
  std::vector<c10::intrusive_ptr<c10d::Work>> pending = std::move(impl_->pending);
  impl_->pending.clear();
  std::string failure;
  for (auto& work : pending) {
    if (!work) {
      failure = "an all-reduce could not start";
      continue;
    }
    try {
      work->wait();
    } catch (const std::exception& error) {
      if (failure.empty()) failure = error.what();
    }
  }
  if (!failure.empty()) return lost(during, failure);
  return Ok{};
}

Status DistributedContext::broadcast(at::Tensor& tensor, const std::string& during) {
  std::vector<at::Tensor> tensors{tensor};
  try {
    impl_->group->broadcast(tensors)->wait();
  } catch (const std::exception& error) {
    return lost(during, error.what());
  }
  return Ok{};
}

Status DistributedContext::broadcastTensors(std::map<std::string, at::Tensor>& tensors,
                                            const std::string& during) {
  const std::string key = "tensors/" + std::to_string(impl_->messageCounter++);
  QJsonArray layout;
  if (isMaster()) {
    for (const auto& [name, tensor] : tensors) {
      QJsonArray shape;
      for (int64_t size : tensor.sizes()) shape.append(qint64(size));
      layout.append(QJsonObject{{QStringLiteral("name"), QString::fromStdString(name)},
                                {QStringLiteral("dtype"), int(tensor.scalar_type())},
                                {QStringLiteral("shape"), shape}});
    }
    if (auto sent =
            publish(key, QJsonDocument(layout).toJson(QJsonDocument::Compact).toStdString());
        !sent)
      return sent;
  } else {
    auto received = awaitPublished(key, during);
    if (!received) return Error{received.message()};
    layout = QJsonDocument::fromJson(QByteArray::fromStdString(*received)).array();
    tensors.clear();
    for (const QJsonValue& entry : layout) {
      std::vector<int64_t> shape;
      for (const QJsonValue& size : entry[QStringLiteral("shape")].toArray())
        shape.push_back(size.toInteger());
      tensors[entry[QStringLiteral("name")].toString().toStdString()] = torch::empty(
          shape,
          torch::TensorOptions().dtype(c10::ScalarType(entry[QStringLiteral("dtype")].toInt())));
    }
  }
  // One flat buffer per dtype, in name order (the same on every rank).
  std::map<c10::ScalarType, std::vector<std::string>> byType;
  for (const auto& [name, tensor] : tensors) byType[tensor.scalar_type()].push_back(name);
  for (const auto& [type, names] : byType) {
    std::vector<at::Tensor> parts;
    for (const std::string& name : names) parts.push_back(tensors[name].contiguous().view(-1));
    at::Tensor flat = torch::cat(parts);
    if (auto sent = broadcast(flat, during); !sent) return sent;
    int64_t offset = 0;
    for (const std::string& name : names) {
      at::Tensor& tensor = tensors[name];
      const int64_t count = tensor.numel();
      tensor = flat.narrow(0, offset, count).view(tensor.sizes()).clone();
      offset += count;
    }
  }
  return Ok{};
}

Result<bool> DistributedContext::sameOnAllRanks(int64_t value, const std::string& during) {
  at::Tensor extremes = torch::tensor({value, -value}, torch::kInt64);
  std::vector<at::Tensor> tensors{extremes};
  c10d::AllreduceOptions options;
  options.reduceOp = c10d::ReduceOp::MAX;
  try {
    impl_->group->allreduce(tensors, options)->wait();
  } catch (const std::exception& error) {
    return lost(during, error.what());
  }
  return extremes[0].item<int64_t>() == -extremes[1].item<int64_t>();
}

Status DistributedContext::barrier(const std::string& during) {
  try {
    impl_->group->barrier()->wait();
  } catch (const std::exception& error) {
    return lost(during, error.what());
  }
  return Ok{};
}

Status DistributedContext::publish(const std::string& key, const std::string& value) {
  try {
    impl_->store->set(kPrefix + key, bytes(value));
  } catch (const std::exception& error) {
    return lost("publishing " + key, error.what());
  }
  return Ok{};
}

Result<std::string> DistributedContext::awaitPublished(const std::string& key,
                                                       const std::string& during) {
  Impl& s = *impl_;
  const std::string full = kPrefix + key;
  try {
    int64_t beat = s.heartbeatOf(0);
    Clock::time_point lastBeat = Clock::now();
    while (!s.store->check({full})) {
      if (s.store->check({rankKey("failed", 0)})) {
        s.store->add(kPrefix + "failures-read", 1);
        return Error{"distributed training stopped on rank " + std::to_string(s.settings.rank) +
                     " during " + during +
                     ": rank 0 failed: " + text(s.store->get(rankKey("failed", 0)))};
      }
      std::this_thread::sleep_for(kPollInterval);
      const int64_t now = s.heartbeatOf(0);
      if (now != beat) {
        beat = now;
        lastBeat = Clock::now();
      } else if (Clock::now() - lastBeat > s.timeout) {
        return Error{"distributed training stopped on rank " + std::to_string(s.settings.rank) +
                     " during " + during + ": rank 0 was lost (no heartbeat for " +
                     std::to_string(int(s.settings.timeoutSeconds)) + " s)"};
      }
    }
    return text(s.store->get(full));
  } catch (const std::exception& error) {
    return lost(during, error.what());
  }
}

void DistributedContext::reportFailure(const std::string& message) {
  try {
    impl_->store->set(rankKey("failed", rank()), bytes(firstLine(message)));
  } catch (const std::exception&) {
    // The store is gone as well; the others find this rank silent instead.
  }
}

void DistributedContext::finishWithFailure(const std::string& message) {
  reportFailure(message);
  if (!isMaster()) return;
  const Clock::time_point deadline =
      Clock::now() + std::min<std::chrono::milliseconds>(impl_->timeout, std::chrono::seconds(10));
  try {
    while (impl_->store->add(kPrefix + "failures-read", 0) < worldSize() - 1 - impl_->goneRanks &&
           Clock::now() < deadline)
      std::this_thread::sleep_for(kPollInterval);
  } catch (const std::exception&) {
  }
}

}  // namespace walness::training
