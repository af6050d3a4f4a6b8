#include "crypto/secret_cipher.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

namespace herd::events {
namespace {

std::string temp_key_path() {
  char dir[] = "/tmp/herd-key-XXXXXX";
  return std::string(mkdtemp(dir)) + "/secret.key";
}

TEST(SecretCipher, CreatesAPrivateKeyFileOnFirstUse) {
  std::string path = temp_key_path();
  Result<SecretCipher> c = SecretCipher::load_or_create(path);
  ASSERT_TRUE(c.ok()) << c.status().to_string();
  struct stat st {};
  ASSERT_EQ(::stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  Result<SecretCipher> again = SecretCipher::load_or_create(path);
  EXPECT_EQ(again->key_id(), c->key_id());
  std::filesystem::remove_all(std::filesystem::path(path).parent_path());
}

TEST(SecretCipher, SealsWithoutPlaintextAndOpensBack) {
  std::string path = temp_key_path();
  SecretCipher c = SecretCipher::load_or_create(path).value();
  std::string sealed = c.seal("portus");
  EXPECT_EQ(sealed.find("portus"), std::string::npos);
  EXPECT_TRUE(SecretCipher::is_sealed(sealed));
  EXPECT_NE(c.seal("portus"), sealed);  // fresh nonce each time
  EXPECT_EQ(c.open(sealed).value(), "portus");
  std::filesystem::remove_all(std::filesystem::path(path).parent_path());
}

TEST(SecretCipher, AnotherKeyOrTamperingCannotOpen) {
  std::string p1 = temp_key_path(), p2 = temp_key_path();
  SecretCipher a = SecretCipher::load_or_create(p1).value();
  SecretCipher b = SecretCipher::load_or_create(p2).value();
  std::string sealed = a.seal("portus");
  EXPECT_EQ(b.open(sealed).status().code(), StatusCode::kUnavailable);
  std::string tampered = sealed;
  // A character in the middle of the base64 carries six data bits (its end may be padding).
  std::size_t mid = sealed.rfind(':') + (sealed.size() - sealed.rfind(':')) / 2;
  tampered[mid] = tampered[mid] == 'A' ? 'B' : 'A';
  EXPECT_EQ(a.open(tampered).status().code(), StatusCode::kCorrupt);
  std::filesystem::remove_all(std::filesystem::path(p1).parent_path());
  std::filesystem::remove_all(std::filesystem::path(p2).parent_path());
}

TEST(SecretCipher, RejectsAKeyFileThatHoldsNoKey) {
  std::string path = temp_key_path();
  std::ofstream(path) << "not a key\n";
  EXPECT_EQ(SecretCipher::load_or_create(path).status().code(), StatusCode::kCorrupt);
  std::filesystem::remove_all(std::filesystem::path(path).parent_path());
}

}  // namespace
}  // namespace herd::events
