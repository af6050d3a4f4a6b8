#include "probe/http_message.hpp"

#include <gtest/gtest.h>

namespace herd::runtime::probe {
namespace {

Url base() { return Url{"http", "10.244.0.5", 8080, "/app/health?x=1"}; }

TEST(Url, PrintsWithThePortAndBracketsIPv6) {
  EXPECT_EQ(base().to_string(), "http://10.244.0.5:8080/app/health?x=1");
  EXPECT_EQ((Url{"https", "fd00::5", 443, "/"}).to_string(), "https://[fd00::5]:443/");
}

TEST(ResolveLocation, AbsoluteUrls) {
  EXPECT_EQ(*resolve_location(base(), "https://example.test/x"),
            (Url{"https", "example.test", 443, "/x"}));
  EXPECT_EQ(*resolve_location(base(), "HTTP://[fd00::1]:81"), (Url{"http", "fd00::1", 81, "/"}));
  EXPECT_EQ(*resolve_location(base(), "http://user:pw@h:90/p?q#frag"),
            (Url{"http", "h", 90, "/p?q"}));
  EXPECT_EQ(*resolve_location(base(), "//other:99/y"), (Url{"http", "other", 99, "/y"}));
}

TEST(ResolveLocation, PathsKeepTheHost) {
  EXPECT_EQ(*resolve_location(base(), "/ready"), (Url{"http", "10.244.0.5", 8080, "/ready"}));
  EXPECT_EQ(*resolve_location(base(), "live"), (Url{"http", "10.244.0.5", 8080, "/app/live"}));
  EXPECT_EQ(*resolve_location(base(), "?y=2"),
            (Url{"http", "10.244.0.5", 8080, "/app/health?y=2"}));
}

TEST(ResolveLocation, RefusesOtherSchemesAndMalformedUrls) {
  EXPECT_EQ(resolve_location(base(), "ftp://h/x").status(),
            Status::invalid_argument("unsupported protocol scheme \"ftp\""));
  EXPECT_FALSE(resolve_location(base(), "http://h:99999/").ok());
  EXPECT_FALSE(resolve_location(base(), "http:///x").ok());
  EXPECT_FALSE(resolve_location(base(), "http://[fd00::1/").ok());
}

TEST(FormatRequest, DefaultHeaders) {
  EXPECT_EQ(format_request(base(), {}),
            "GET /app/health?x=1 HTTP/1.1\r\n"
            "Host: 10.244.0.5:8080\r\n"
            "User-Agent: herd-probe/1\r\n"
            "Accept: */*\r\n"
            "Connection: close\r\n\r\n");
}

TEST(FormatRequest, TheProbesHeadersReplaceTheDefaultsAndStayOnOneLine) {
  std::vector<api::HttpHeader> headers{
      {"host", "web.example"}, {"User-Agent", "mine"}, {"X-Token", "a\r\nInjected: yes"}};
  EXPECT_EQ(format_request(base(), headers),
            "GET /app/health?x=1 HTTP/1.1\r\n"
            "Host: web.example\r\n"
            "Accept: */*\r\n"
            "User-Agent: mine\r\n"
            "X-Token: a  Injected: yes\r\n"
            "Connection: close\r\n\r\n");
}

TEST(ParseResponseHead, StatusAndTheHeadersAProbeReads) {
  auto head = parse_response_head(
      "HTTP/1.1 302 Found\r\nlocation: /next\r\nContent-Length:  12 \r\nX-Other: y");
  ASSERT_TRUE(head.ok()) << head.status().to_string();
  EXPECT_EQ(head->status, 302);
  EXPECT_EQ(head->location, "/next");
  EXPECT_EQ(head->content_length, 12u);
  EXPECT_FALSE(head->chunked);
  EXPECT_TRUE(parse_response_head("HTTP/1.0 200 OK\r\nTransfer-Encoding: Chunked")->chunked);
  EXPECT_EQ(parse_response_head("HTTP/1.1 204")->status, 204);
}

TEST(ParseResponseHead, RefusesWhatIsNotHttp) {
  EXPECT_EQ(parse_response_head("SSH-2.0-OpenSSH_9.2\r\n").status(),
            Status::invalid_argument("malformed HTTP response \"SSH-2.0-OpenSSH_9.2\""));
  EXPECT_FALSE(parse_response_head("HTTP/1.1 2000 OK").ok());
  EXPECT_FALSE(parse_response_head("HTTP/1.1 200 OK\r\nContent-Length: x").ok());
}

TEST(DecodeChunked, AsFarAsItGoes) {
  EXPECT_EQ(decode_chunked("5\r\nhello\r\n6;ext=1\r\n world\r\n0\r\n\r\n").data, "hello world");
  EXPECT_TRUE(decode_chunked("5\r\nhello\r\n0\r\n\r\n").complete);
  ChunkedBody partial = decode_chunked("5\r\nhello\r\na\r\nwor");
  EXPECT_EQ(partial.data, "hellowor");
  EXPECT_FALSE(partial.complete);
  EXPECT_FALSE(decode_chunked("5\r\nhel").complete);
  EXPECT_TRUE(decode_chunked("zz\r\n").complete);
}

}  // namespace
}  // namespace herd::runtime::probe
