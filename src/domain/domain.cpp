// Anchor translation unit so nara_domain links while a concern has no sources yet.
namespace nara::domain {}
