#include "walness/nn/Safetensors.h"

#include <torch/torch.h>

#include <QByteArray>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

#include <algorithm>
#include <bit>
#include <cstring>
#include <limits>
#include <vector>

#include "walness/io/RegularFile.h"

namespace walness::nn {

namespace {

static_assert(std::endian::native == std::endian::little,
              "safetensors data is little-endian; big-endian hosts need byte swapping");

// Larger headers are not plausible for model weights and would only cost memory.
constexpr uint64_t kMaxHeaderBytes = 100ull * 1024 * 1024;

struct DtypeInfo {
  const char* name;
  at::ScalarType type;
};

constexpr DtypeInfo kDtypes[] = {
    {"F32", at::kFloat}, {"F16", at::kHalf},  {"BF16", at::kBFloat16}, {"F64", at::kDouble},
    {"I64", at::kLong},  {"I32", at::kInt},   {"I16", at::kShort},     {"I8", at::kChar},
    {"U8", at::kByte},   {"BOOL", at::kBool},
};

const DtypeInfo* dtypeByName(const QString& name) {
  for (const auto& info : kDtypes)
    if (name == QLatin1String(info.name)) return &info;
  return nullptr;
}

const DtypeInfo* dtypeByType(at::ScalarType type) {
  for (const auto& info : kDtypes)
    if (info.type == type) return &info;
  return nullptr;
}

Error fail(const std::string& source, const std::string& why) {
  return Error{source + ": not a valid safetensors file: " + why};
}

struct Entry {
  std::string name;
  const DtypeInfo* dtype;
  std::vector<int64_t> shape;
  uint64_t begin;
  uint64_t end;
};

Status readMetadata(const std::string& source, const QJsonValue& value,
                    std::map<std::string, std::string>& metadata) {
  if (!value.isObject()) return fail(source, "__metadata__ is not an object");
  const QJsonObject object = value.toObject();
  for (auto m = object.begin(); m != object.end(); ++m) {
    if (!m->isString())
      return fail(source, "metadata value '" + m.key().toStdString() + "' is not a string");
    metadata[m.key().toStdString()] = m->toString().toStdString();
  }
  return Ok{};
}

// Reads the tensor's dimensions into `entry.shape` and returns its element count.
Result<uint64_t> readShape(const std::string& source, const QJsonArray& dims, Entry& entry) {
  uint64_t elements = 1;
  for (const QJsonValue& dim : dims) {
    const double value = dim.toDouble(-1);
    if (!dim.isDouble() || value < 0 || value != static_cast<double>(static_cast<int64_t>(value)) ||
        value > 1e12)
      return fail(source, "tensor '" + entry.name + "' has an invalid dimension");
    entry.shape.push_back(static_cast<int64_t>(value));
    if (entry.shape.back() != 0 &&
        elements > std::numeric_limits<uint64_t>::max() / uint64_t(entry.shape.back()))
      return fail(source, "tensor '" + entry.name + "' is impossibly large");
    elements *= uint64_t(entry.shape.back());
  }
  return elements;
}

// One tensor's header entry, checked against the payload it points into.
Result<Entry> readEntry(const std::string& source, const std::string& name, const QJsonValue& value,
                        uint64_t payloadSize) {
  if (!value.isObject()) return fail(source, "entry '" + name + "' is not an object");
  const QJsonObject info = value.toObject();
  Entry entry{name, dtypeByName(info.value(QLatin1String("dtype")).toString()), {}, 0, 0};
  if (!entry.dtype)
    return fail(source, "tensor '" + name + "' has unsupported dtype '" +
                            info.value(QLatin1String("dtype")).toString().toStdString() + "'");
  const QJsonValue shape = info.value(QLatin1String("shape"));
  const QJsonValue offsets = info.value(QLatin1String("data_offsets"));
  if (!shape.isArray() || !offsets.isArray() || offsets.toArray().size() != 2)
    return fail(source, "tensor '" + name + "' needs a shape array and two data_offsets");
  const Result<uint64_t> elements = readShape(source, shape.toArray(), entry);
  if (!elements) return elements.error();
  const QJsonArray range = offsets.toArray();
  const double begin = range[0].toDouble(-1);
  const double end = range[1].toDouble(-1);
  if (!range[0].isDouble() || !range[1].isDouble() || begin < 0 || end < begin ||
      end > static_cast<double>(payloadSize))
    return fail(source, "tensor '" + name + "' has data_offsets outside the file");
  entry.begin = static_cast<uint64_t>(begin);
  entry.end = static_cast<uint64_t>(end);
  const uint64_t elementSize = c10::elementSize(entry.dtype->type);
  if (*elements > payloadSize / std::max<uint64_t>(elementSize, 1) ||
      entry.end - entry.begin != *elements * elementSize)
    return fail(source, "tensor '" + name + "' has " + std::to_string(entry.end - entry.begin) +
                            " bytes but its shape and dtype need " +
                            std::to_string(*elements * elementSize));
  return entry;
}

// Tensors must not overlap: each byte belongs to at most one tensor.
Status checkNoOverlap(const std::string& source, const std::vector<Entry>& entries) {
  std::vector<const Entry*> byOffset;
  for (const auto& entry : entries) byOffset.push_back(&entry);
  std::sort(byOffset.begin(), byOffset.end(),
            [](const Entry* a, const Entry* b) { return a->begin < b->begin; });
  for (size_t i = 1; i < byOffset.size(); ++i) {
    if (byOffset[i]->begin < byOffset[i - 1]->end)
      return fail(source, "tensors '" + byOffset[i - 1]->name + "' and '" + byOffset[i]->name +
                              "' overlap");
  }
  return Ok{};
}

}  // namespace

Result<TensorFile> parseSafetensors(const char* data, size_t size, const std::string& source) {
  if (size < 8) return fail(source, "shorter than its 8-byte header length");
  uint64_t headerSize = 0;
  std::memcpy(&headerSize, data, 8);
  if (headerSize > kMaxHeaderBytes) return fail(source, "the header claims to be over 100 MB");
  if (headerSize > size - 8) return fail(source, "the header runs past the end of the file");

  QJsonParseError parseError;
  const QJsonDocument header = QJsonDocument::fromJson(
      QByteArray::fromRawData(data + 8, static_cast<qsizetype>(headerSize)), &parseError);
  if (parseError.error != QJsonParseError::NoError || !header.isObject())
    return fail(source,
                "the header is not a JSON object (" + parseError.errorString().toStdString() + ")");

  const char* payload = data + 8 + headerSize;
  const uint64_t payloadSize = size - 8 - headerSize;

  TensorFile file;
  std::vector<Entry> entries;
  const QJsonObject object = header.object();
  for (auto it = object.begin(); it != object.end(); ++it) {
    if (it.key() == QLatin1String("__metadata__")) {
      if (auto read = readMetadata(source, *it, file.metadata); !read) return read.error();
      continue;
    }
    auto entry = readEntry(source, it.key().toStdString(), *it, payloadSize);
    if (!entry) return entry.error();
    entries.push_back(std::move(*entry));
  }
  if (auto disjoint = checkNoOverlap(source, entries); !disjoint) return disjoint.error();

  for (const auto& entry : entries) {
    auto options = torch::TensorOptions().dtype(entry.dtype->type);
    at::Tensor tensor = torch::empty(entry.shape, options);
    if (entry.end > entry.begin)
      std::memcpy(tensor.data_ptr(), payload + entry.begin, entry.end - entry.begin);
    file.tensors.emplace(entry.name, std::move(tensor));
  }
  return file;
}

Result<TensorFile> readSafetensors(const std::string& path) {
  // A FIFO or a device is refused before opening: opening a FIFO would wait for a writer.
  if (auto regular = io::checkRegularFile(QString::fromStdString(path)); !regular)
    return regular.error();
  QFile input(QString::fromStdString(path));
  if (!input.open(QIODevice::ReadOnly))
    return Error{path + ": cannot open: " + input.errorString().toStdString()};
  const qint64 size = input.size();
  if (size <= 0) return Error{path + ": the file is empty"};
  // Map instead of reading: weights can be hundreds of megabytes and are copied once anyway.
  const uchar* mapped = input.map(0, size);
  if (mapped) return parseSafetensors(reinterpret_cast<const char*>(mapped), size_t(size), path);
  const QByteArray bytes = input.readAll();
  if (bytes.size() != size) return Error{path + ": could not read the whole file"};
  return parseSafetensors(bytes.constData(), size_t(bytes.size()), path);
}

Status writeSafetensors(const std::string& path, const TensorFile& file) {
  QJsonObject header;
  if (!file.metadata.empty()) {
    QJsonObject metadata;
    for (const auto& [key, value] : file.metadata)
      metadata.insert(QString::fromStdString(key), QString::fromStdString(value));
    header.insert(QStringLiteral("__metadata__"), metadata);
  }
  std::vector<at::Tensor> ordered;
  uint64_t offset = 0;
  for (const auto& [name, tensor] : file.tensors) {
    const DtypeInfo* dtype = dtypeByType(tensor.scalar_type());
    if (!dtype) return Error{path + ": cannot store tensor '" + name + "' of this dtype"};
    at::Tensor data = tensor.detach().to(torch::kCPU).contiguous();
    const uint64_t bytes = data.numel() * data.element_size();
    QJsonArray shape;
    for (int64_t dim : data.sizes()) shape.append(static_cast<double>(dim));
    header.insert(QString::fromStdString(name),
                  QJsonObject{{QStringLiteral("dtype"), QLatin1String(dtype->name)},
                              {QStringLiteral("shape"), shape},
                              {QStringLiteral("data_offsets"),
                               QJsonArray{static_cast<double>(offset),
                                          static_cast<double>(offset + bytes)}}});
    offset += bytes;
    ordered.push_back(std::move(data));
  }
  QByteArray json = QJsonDocument(header).toJson(QJsonDocument::Compact);
  // Pad with spaces so the data starts 8-byte aligned, as the format recommends.
  while ((json.size() % 8) != 0) json.append(' ');
  const uint64_t headerSize = static_cast<uint64_t>(json.size());

  QSaveFile output(QString::fromStdString(path));
  if (!output.open(QIODevice::WriteOnly))
    return Error{path + ": cannot write: " + output.errorString().toStdString()};
  output.write(reinterpret_cast<const char*>(&headerSize), 8);
  output.write(json);
  for (const at::Tensor& data : ordered)
    output.write(static_cast<const char*>(data.data_ptr()), data.numel() * data.element_size());
  if (!output.commit())
    return Error{path + ": cannot write: " + output.errorString().toStdString()};
  return Ok{};
}

}  // namespace walness::nn
