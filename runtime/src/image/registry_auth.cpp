#include "image/registry_auth.hpp"

#include <cctype>

#include "herd/api/codec.hpp"
#include "herd/base/base64.hpp"

namespace herd::runtime::image {
namespace {

// RFC 7230 tchar, plus '/' which some servers put unquoted into values.
bool is_token_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) ||
         std::string_view("!#$%&'*+-.^_`|~/:").find(c) != std::string_view::npos;
}

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

class ChallengeReader {
 public:
  explicit ChallengeReader(std::string_view text) : text_(text) {}

  std::vector<AuthChallenge> read() {
    std::vector<AuthChallenge> out;
    while (true) {
      skip(" \t,");
      std::string word = token();
      if (word.empty()) {
        return out;  // end, or a character no grammar allows here
      }
      skip(" \t");
      if (peek() == '=' && !out.empty()) {
        ++pos_;
        skip(" \t");
        out.back().params[lower(word)] = value();
      } else {
        out.push_back(AuthChallenge{lower(word), {}});
      }
    }
  }

 private:
  char peek() const { return pos_ < text_.size() ? text_[pos_] : '\0'; }
  void skip(std::string_view chars) {
    while (pos_ < text_.size() && chars.find(text_[pos_]) != std::string_view::npos) {
      ++pos_;
    }
  }
  std::string token() {
    std::size_t start = pos_;
    while (pos_ < text_.size() && is_token_char(text_[pos_])) {
      ++pos_;
    }
    return std::string(text_.substr(start, pos_ - start));
  }
  std::string value() {
    if (peek() != '"') {
      return token();
    }
    ++pos_;
    std::string out;
    while (pos_ < text_.size() && text_[pos_] != '"') {
      if (text_[pos_] == '\\' && pos_ + 1 < text_.size()) {
        ++pos_;
      }
      out += text_[pos_++];
    }
    if (pos_ < text_.size()) {
      ++pos_;  // the closing quote
    }
    return out;
  }

  std::string_view text_;
  std::size_t pos_ = 0;
};

}  // namespace

std::string AuthChallenge::param(const std::string& name) const {
  auto it = params.find(name);
  return it == params.end() ? "" : it->second;
}

std::vector<AuthChallenge> parse_www_authenticate(std::string_view header) {
  return ChallengeReader(header).read();
}

std::string url_encode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (char c : text) {
    auto u = static_cast<unsigned char>(c);
    if (std::isalnum(u) || c == '-' || c == '.' || c == '_' || c == '~') {
      out += c;
    } else {
      out += '%';
      out += kHex[u >> 4];
      out += kHex[u & 0xf];
    }
  }
  return out;
}

Result<std::string> token_url(const AuthChallenge& challenge, std::string_view default_scope) {
  std::string realm = challenge.param("realm");
  if (realm.empty()) {
    return Status::invalid_argument("bearer challenge without a realm");
  }
  std::string url = realm;
  char separator = realm.find('?') == std::string::npos ? '?' : '&';
  if (std::string service = challenge.param("service"); !service.empty()) {
    url += separator + ("service=" + url_encode(service));
    separator = '&';
  }
  std::string scope = challenge.param("scope");
  if (scope.empty()) {
    scope = std::string(default_scope);
  }
  if (!scope.empty()) {
    url += separator + ("scope=" + url_encode(scope));
  }
  return url;
}

Result<std::string> parse_token_response(std::string_view body) {
  auto document = api::parse_json_value(body);
  if (!document.ok()) {
    return Status::invalid_argument("token response is not JSON: " + document.status().message());
  }
  for (const char* key : {"token", "access_token"}) {
    const api::Value* token = document->find(key);
    if (token != nullptr && token->is_string() && !token->as_string().empty()) {
      return token->as_string();
    }
  }
  return Status::invalid_argument("token response has no \"token\"");
}

std::string basic_credentials(std::string_view user, std::string_view password) {
  std::string pair(user);
  pair += ':';
  pair += password;
  return base64_encode(pair);
}

}  // namespace herd::runtime::image
