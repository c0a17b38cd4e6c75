// The web application's static files: assets by path, client-side routes get index.html (so a
// deep link such as /personer/123 survives a reload), missing files with an extension stay 404,
// and nothing outside the web root is ever served.
#include "http/static_files.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <string>

namespace {

using nara::http::Request;
using nara::http::serve_static;

class StaticFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::random_device rd;
    base_ = std::filesystem::temp_directory_path() / ("nara-static-" + std::to_string(rd()));
    root_ = base_ / "dist";
    std::filesystem::create_directories(root_ / "assets");
    write(root_ / "index.html", "<!doctype html><title>Nära</title>");
    write(root_ / "assets" / "index-abc123.js", "console.log(1)");
    write(base_ / "secret.txt", "outside the web root");
  }
  void TearDown() override { std::filesystem::remove_all(base_); }

  static void write(const std::filesystem::path& p, const std::string& text) {
    std::ofstream(p, std::ios::binary) << text;
  }
  static Request get(const std::string& path) {
    Request r;
    r.path = path;
    r.target = path;
    return r;
  }
  static std::string header(const nara::http::Response& r, const std::string& name) {
    for (const auto& [k, v] : r.headers) {
      if (k == name) return v;
    }
    return {};
  }

  std::filesystem::path base_;
  std::filesystem::path root_;
};

TEST_F(StaticFilesTest, ServesIndexAtRoot) {
  const auto r = serve_static(root_, get("/"));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->content_type, "text/html; charset=utf-8");
  EXPECT_NE(r->body.find("Nära"), std::string::npos);
  EXPECT_EQ(header(*r, "Cache-Control"), "no-cache");
  EXPECT_NE(header(*r, "Content-Security-Policy").find("default-src 'self'"), std::string::npos);
}

TEST_F(StaticFilesTest, ServesHashedAssetsWithLongCaching) {
  const auto r = serve_static(root_, get("/assets/index-abc123.js"));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->content_type, "text/javascript; charset=utf-8");
  EXPECT_EQ(r->body, "console.log(1)");
  EXPECT_EQ(header(*r, "Cache-Control"), "public, max-age=31536000, immutable");
}

TEST_F(StaticFilesTest, ClientSideRoutesGetIndexHtml) {
  for (const std::string path :
       {"/personer/123", "/vardtillfallen/a1b2-c3", "/mina-sidor/vem-har-last", "/logga-in"}) {
    const auto r = serve_static(root_, get(path));
    ASSERT_TRUE(r) << path;
    EXPECT_EQ(r->content_type, "text/html; charset=utf-8") << path;
    EXPECT_NE(r->body.find("<!doctype html>"), std::string::npos) << path;
    EXPECT_EQ(header(*r, "Cache-Control"), "no-cache") << path;
  }
}

TEST_F(StaticFilesTest, MissingFileWithExtensionIsNotFound) {
  EXPECT_FALSE(serve_static(root_, get("/assets/missing-000.js")));
  EXPECT_FALSE(serve_static(root_, get("/favicon.ico")));
}

TEST_F(StaticFilesTest, NeverLeavesTheWebRoot) {
  EXPECT_FALSE(serve_static(root_, get("/../secret.txt")));
  EXPECT_FALSE(serve_static(root_, get("/assets/../../secret.txt")));
}

TEST_F(StaticFilesTest, NoWebRootServesNothing) {
  EXPECT_FALSE(serve_static(base_ / "not-built", get("/personer/123")));
}

}  // namespace
