#pragma once

// The HTTP/1.1 pieces of an httpGet probe, without sockets: the URL and its
// redirects, the request text, the response head, a chunked body. Pure.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "herd/api/container.hpp"
#include "herd/base/result.hpp"

namespace herd::runtime::probe {

/// An http or https URL, split as a request needs it.
struct Url {
  std::string scheme;  ///< "http" or "https"
  std::string host;    ///< a name or an IP literal (IPv6 without brackets)
  int port = 0;
  std::string target = "/";  ///< path and query; always starts with '/'

  /// "http://10.244.0.5:8080/health" (the port always shown, as the kubelet's).
  std::string to_string() const;
  bool operator==(const Url&) const = default;
};

/// The URL a redirect's Location names, relative to `base`: an absolute URL
/// ("https://host/x"), a scheme-relative one ("//host/x"), an absolute path
/// ("/x") or a relative path ("x", against base's directory). kInvalidArgument
/// for another scheme or a malformed URL.
Result<Url> resolve_location(const Url& base, std::string_view location);

/// The request text: GET `url.target` HTTP/1.1 with Host (url's host:port),
/// User-Agent "herd-probe/1", Accept "*/*" and Connection "close", then
/// `headers`. A header in `headers` named Host, User-Agent or Accept (in any
/// case) replaces the default one instead of repeating it.
std::string format_request(const Url& url, const std::vector<api::HttpHeader>& headers);

/// A response's status line and the headers a probe reads.
struct ResponseHead {
  int status = 0;
  std::string location;                       ///< "" when absent
  std::optional<std::size_t> content_length;  ///< absent: until the end (or chunked)
  bool chunked = false;                       ///< Transfer-Encoding: chunked
};

/// Parses `head`: the status line and header lines, without the blank line
/// that ends them. kInvalidArgument: malformed HTTP response "<first line>".
Result<ResponseHead> parse_response_head(std::string_view head);

/// What decode_chunked could take from a chunked body received so far.
struct ChunkedBody {
  std::string data;       ///< the chunks' bytes (a partial last chunk included)
  bool complete = false;  ///< the zero-size last chunk was seen
};

/// Decodes `raw` (the bytes after the head) as chunked transfer coding, as
/// far as it goes; a malformed size line ends the decoding as complete.
ChunkedBody decode_chunked(std::string_view raw);

}  // namespace herd::runtime::probe
