#include "probe/http_message.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>

#include "probe/net_stream.hpp"

namespace herd::runtime::probe {
namespace {

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) {
    text.remove_prefix(1);
  }
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r')) {
    text.remove_suffix(1);
  }
  return text;
}

// Header values must not end the line early (a CR or LF in a pod spec's value).
std::string one_line(std::string_view text) {
  std::string out(text);
  std::replace_if(
      out.begin(), out.end(), [](char c) { return c == '\r' || c == '\n'; }, ' ');
  return out;
}

template <class Int>
bool parse_int(std::string_view text, Int* value, int base = 10) {
  if (text.empty()) {
    return false;
  }
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), *value, base);
  return error == std::errc() && end == text.data() + text.size();
}

// The scheme of an absolute URL ("http" of "http://x"), or "" when `text` has none.
std::string_view scheme_of(std::string_view text) {
  std::size_t colon = text.find(':');
  if (colon == 0 || colon == std::string_view::npos ||
      text.substr(0, colon).find_first_of("/?#") != std::string_view::npos) {
    return {};
  }
  return text.substr(0, colon);
}

// Parses "http://host[:port]/target" (scheme already checked as http or https).
Result<Url> parse_absolute(std::string_view text) {
  auto malformed = [&] {
    return Status::invalid_argument("malformed URL \"" + std::string(text) + "\"");
  };
  Url url;
  url.scheme = lower(scheme_of(text));
  std::string_view rest = text.substr(url.scheme.size() + 1);
  if (rest.substr(0, 2) != "//") {
    return malformed();
  }
  rest.remove_prefix(2);
  std::size_t end = rest.find_first_of("/?");
  std::string_view authority = rest.substr(0, end);
  std::string target(end == std::string_view::npos ? "" : rest.substr(end));
  if (std::size_t at = authority.rfind('@'); at != std::string_view::npos) {
    authority.remove_prefix(at + 1);  // user info plays no part in a probe
  }
  std::string_view port_text;
  if (!authority.empty() && authority.front() == '[') {
    std::size_t close = authority.find(']');
    if (close == std::string_view::npos) {
      return malformed();
    }
    url.host = std::string(authority.substr(1, close - 1));
    std::string_view after = authority.substr(close + 1);
    if (!after.empty() && (after.front() != ':' || after.size() == 1)) {
      return malformed();
    }
    port_text = after.empty() ? after : after.substr(1);
  } else {
    std::size_t colon = authority.rfind(':');
    url.host = std::string(authority.substr(0, colon));
    port_text = colon == std::string_view::npos ? std::string_view() : authority.substr(colon + 1);
  }
  url.port = url.scheme == "https" ? 443 : 80;
  if (!port_text.empty() &&
      (!parse_int(port_text, &url.port) || url.port < 1 || url.port > 65535)) {
    return malformed();
  }
  if (url.host.empty()) {
    return malformed();
  }
  url.target = target.empty() || target.front() != '/' ? "/" + target : target;
  return url;
}

}  // namespace

std::string Url::to_string() const { return scheme + "://" + join_host_port(host, port) + target; }

Result<Url> resolve_location(const Url& base, std::string_view location) {
  location = location.substr(0, location.find('#'));
  if (location.substr(0, 2) == "//") {
    return parse_absolute(base.scheme + ":" + std::string(location));
  }
  if (std::string scheme = lower(scheme_of(location)); !scheme.empty()) {
    if (scheme != "http" && scheme != "https") {
      return Status::invalid_argument("unsupported protocol scheme \"" + scheme + "\"");
    }
    return parse_absolute(location);
  }
  Url next = base;
  if (location.empty()) {
    return next;
  }
  if (location.front() == '/') {
    next.target = std::string(location);
  } else if (location.front() == '?') {
    next.target = base.target.substr(0, base.target.find('?')) + std::string(location);
  } else {
    std::string path = base.target.substr(0, base.target.find('?'));
    next.target = path.substr(0, path.rfind('/') + 1) + std::string(location);
  }
  return next;
}

std::string format_request(const Url& url, const std::vector<api::HttpHeader>& headers) {
  auto given = [&](std::string_view name) {
    return std::find_if(headers.begin(), headers.end(),
                        [&](const api::HttpHeader& h) { return lower(h.name) == name; });
  };
  auto host = given("host");
  std::string request = "GET " + one_line(url.target) + " HTTP/1.1\r\n";
  request += "Host: " +
             (host != headers.end() ? one_line(host->value) : join_host_port(url.host, url.port)) +
             "\r\n";
  if (given("user-agent") == headers.end()) {
    request += "User-Agent: herd-probe/1\r\n";
  }
  if (given("accept") == headers.end()) {
    request += "Accept: */*\r\n";
  }
  for (const api::HttpHeader& header : headers) {
    if (lower(header.name) != "host") {
      request += one_line(header.name) + ": " + one_line(header.value) + "\r\n";
    }
  }
  request += "Connection: close\r\n\r\n";
  return request;
}

Result<ResponseHead> parse_response_head(std::string_view head) {
  std::size_t line_end = head.find('\n');
  std::string_view status_line = trim(head.substr(0, line_end));
  ResponseHead parsed;
  if (status_line.substr(0, 5) != "HTTP/" || status_line.size() < 12 || status_line[8] != ' ' ||
      !parse_int(status_line.substr(9, 3), &parsed.status) ||
      (status_line.size() > 12 && status_line[12] != ' ')) {
    return Status::invalid_argument("malformed HTTP response \"" + std::string(status_line) + "\"");
  }
  while (line_end != std::string_view::npos) {
    head.remove_prefix(line_end + 1);
    line_end = head.find('\n');
    std::string_view line = head.substr(0, line_end);
    std::size_t colon = line.find(':');
    if (colon == std::string_view::npos) {
      continue;
    }
    std::string name = lower(trim(line.substr(0, colon)));
    std::string_view value = trim(line.substr(colon + 1));
    if (name == "location") {
      parsed.location = std::string(value);
    } else if (name == "content-length") {
      std::size_t length = 0;
      if (!parse_int(value, &length)) {
        return Status::invalid_argument("bad Content-Length \"" + std::string(value) + "\"");
      }
      parsed.content_length = length;
    } else if (name == "transfer-encoding") {
      parsed.chunked = lower(value).find("chunked") != std::string::npos;
    }
  }
  return parsed;
}

ChunkedBody decode_chunked(std::string_view raw) {
  ChunkedBody body;
  for (;;) {
    std::size_t line_end = raw.find("\r\n");
    if (line_end == std::string_view::npos) {
      return body;  // the size line has not arrived yet
    }
    std::string_view size_text = trim(raw.substr(0, raw.find_first_of(";\r")));
    std::size_t size = 0;
    if (!parse_int(size_text, &size, 16) || size == 0) {
      body.complete = true;  // the last chunk, or nothing more we can read
      return body;
    }
    raw.remove_prefix(line_end + 2);
    body.data.append(raw.substr(0, size));
    if (raw.size() < size + 2) {
      return body;
    }
    raw.remove_prefix(size + 2);
  }
}

}  // namespace herd::runtime::probe
