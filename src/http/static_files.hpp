#pragma once
#include <filesystem>
#include <optional>

#include "http/types.hpp"

namespace nara::http {

// Serves the built web application from `root`; unknown paths without a file extension get
// index.html so client-side routes survive a reload. Never leaves `root`.
std::optional<Response> serve_static(const std::filesystem::path& root, const Request& request);

}  // namespace nara::http
