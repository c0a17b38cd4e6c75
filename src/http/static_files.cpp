#include "http/static_files.hpp"

#include <fstream>
#include <sstream>

namespace nara::http {

namespace {
std::string content_type_for(const std::filesystem::path& path) {
  const auto ext = path.extension().string();
  if (ext == ".html") return "text/html; charset=utf-8";
  if (ext == ".js" || ext == ".mjs") return "text/javascript; charset=utf-8";
  if (ext == ".css") return "text/css; charset=utf-8";
  if (ext == ".json") return "application/json";
  if (ext == ".svg") return "image/svg+xml";
  if (ext == ".png") return "image/png";
  if (ext == ".ico") return "image/x-icon";
  if (ext == ".woff2") return "font/woff2";
  if (ext == ".txt") return "text/plain; charset=utf-8";
  return "application/octet-stream";
}

std::optional<std::string> read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}
}  // namespace

std::optional<Response> serve_static(const std::filesystem::path& root, const Request& request) {
  std::error_code ec;
  const auto canonical_root = std::filesystem::weakly_canonical(root, ec);
  if (ec || !std::filesystem::is_directory(canonical_root)) return std::nullopt;
  std::string relative = request.path.substr(1);
  if (relative.empty()) relative = "index.html";
  auto candidate = std::filesystem::weakly_canonical(canonical_root / relative, ec);
  const auto root_text = canonical_root.string() + "/";
  if (ec || !candidate.string().starts_with(root_text)) return std::nullopt;
  if (!std::filesystem::is_regular_file(candidate)) {
    if (std::filesystem::path(relative).has_extension()) return std::nullopt;
    candidate = canonical_root / "index.html";
  }
  auto body = read_file(candidate);
  if (!body) return std::nullopt;
  Response r;
  r.content_type = content_type_for(candidate);
  r.body = std::move(*body);
  const bool hashed_asset = candidate.string().find("/assets/") != std::string::npos;
  r.set_header("Cache-Control", hashed_asset ? "public, max-age=31536000, immutable" : "no-cache");
  if (candidate.extension() == ".html") {
    r.set_header("Content-Security-Policy",
                 "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
                 "frame-ancestors 'none'");
  }
  return r;
}

}  // namespace nara::http
