#pragma once

#include <ATen/core/Tensor.h>

#include <map>
#include <string>

#include "walness/Result.h"

namespace walness::nn {

// Named tensors in safetensors order-independent form, plus the file's string metadata.
struct TensorFile {
  std::map<std::string, at::Tensor> tensors;
  std::map<std::string, std::string> metadata;
};

// Reads a safetensors file: 8-byte little-endian header length, a JSON header mapping each name to
// dtype/shape/data_offsets, then the raw little-endian data. Supports F32, F16, BF16, F64, I64,
// I32, I16, I8, U8 and BOOL. Every offset and size is checked against the file before any data is
// used, so a truncated or hostile file gives an Error, never a crash or a huge allocation.
Result<TensorFile> readSafetensors(const std::string& path);
Result<TensorFile> parseSafetensors(const char* data, size_t size, const std::string& sourceName);

// Writes tensors (any device, any layout; stored contiguous on CPU) atomically: a temporary file is
// renamed over `path` only when complete.
Status writeSafetensors(const std::string& path, const TensorFile& file);

}  // namespace walness::nn
