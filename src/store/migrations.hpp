#pragma once
#include <string_view>
#include <vector>

namespace nara::store {

// `NNNN_name.sql` is portable SQL; `NNNN_name.sqlite.sql` or `NNNN_name.postgres.sql`, when
// present, replaces it for that engine (the only place an engine difference in schema lives).
struct MigrationFile {
  std::string_view file_name;
  std::string_view sql;
};

const std::vector<MigrationFile>& migration_files();

}  // namespace nara::store
