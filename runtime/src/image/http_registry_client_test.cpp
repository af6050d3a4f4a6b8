// The registry protocol over an in-memory transport: mirrors, token auth,
// index resolution, redirects, verification and the messages a pod shows.

#include "image/http_registry_client.hpp"

#include <gtest/gtest.h>

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "image/sha256.hpp"

namespace herd::runtime::image {
namespace {

const std::string kLayer = "layer bytes, pretend tar+gzip";
const std::string kConfig = R"({"architecture":"amd64","os":"linux"})";

std::string image_manifest() {
  return R"({"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":")" +
         sha256_digest(kConfig) + R"(","size":)" + std::to_string(kConfig.size()) +
         R"(},"layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar+gzip","digest":")" +
         sha256_digest(kLayer) + R"(","size":)" + std::to_string(kLayer.size()) + "}]}";
}

std::string index_for(const std::string& amd64_manifest) {
  return R"({"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:)" +
         std::string(64, '0') +
         R"(","size":10,"platform":{"os":"linux","architecture":"arm64","variant":"v8"}},{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":")" +
         sha256_digest(amd64_manifest) + R"(","size":)" + std::to_string(amd64_manifest.size()) +
         R"(,"platform":{"os":"linux","architecture":"amd64"}}]})";
}

HttpResponse respond(int status, std::string body,
                     std::vector<std::pair<std::string, std::string>> headers = {}) {
  HttpResponse response;
  response.status = status;
  response.reason = status == 200   ? "OK"
                    : status == 404 ? "Not Found"
                    : status == 401 ? "Unauthorized"
                                    : "";
  response.body = std::move(body);
  response.headers = std::move(headers);
  return response;
}

HttpResponse manifest_unknown() {
  return respond(
      404,
      R"({"errors":[{"code":"MANIFEST_UNKNOWN","message":"manifest unknown","detail":{"Tag":"x"}}]})");
}

// Serves canned answers by URL and records every request. Bodies of 2xx
// answers go to a request's body_sink in 5-byte chunks, as a network would
// cut them.
class FakeTransport final : public HttpTransport {
 public:
  using Handler = std::function<Result<HttpResponse>(const HttpRequest&)>;

  void on(const std::string& url, Handler handler) { handlers_[url] = std::move(handler); }
  void on(const std::string& url, HttpResponse response) {
    handlers_[url] = [response](const HttpRequest&) -> Result<HttpResponse> { return response; };
  }

  Result<HttpResponse> send(const HttpRequest& request) override {
    requests.push_back(request);
    auto it = handlers_.find(request.url.to_string());
    if (it == handlers_.end()) {
      return Status::unavailable("connect " + request.url.host + ":" +
                                 std::to_string(request.url.port) + ": Connection refused");
    }
    auto response = it->second(request);
    if (response.ok() && response->status / 100 == 2 && request.body_sink) {
      std::string body = std::move(response->body);
      response->body.clear();
      for (std::size_t i = 0; i < body.size(); i += 5) {
        HERD_RETURN_IF_ERROR(request.body_sink(std::string_view(body).substr(i, 5)));
      }
    }
    return response;
  }

  std::string header_of(std::size_t request, const std::string& name) const {
    for (const auto& [key, value] : requests.at(request).headers) {
      if (key == name) {
        return value;
      }
    }
    return "";
  }
  std::vector<std::string> urls() const {
    std::vector<std::string> out;
    for (const HttpRequest& r : requests) {
      out.push_back(r.url.to_string());
    }
    return out;
  }

  std::vector<HttpRequest> requests;

 private:
  std::map<std::string, Handler> handlers_;
};

struct StringSink final : BlobSink {
  Status write(std::string_view chunk) override {
    data += chunk;
    return Status();
  }
  std::string data;
};

class RegistryClientTest : public ::testing::Test {
 protected:
  HttpRegistryClient& client() {
    if (!client_) {
      auto transport = std::make_unique<FakeTransport>();
      transport_ = transport.get();
      for (auto& [url, handler] : pending_) {
        transport_->on(url, std::move(handler));
      }
      client_ = std::make_unique<HttpRegistryClient>(config_, std::move(transport));
    }
    return *client_;
  }
  void on(const std::string& url, FakeTransport::Handler handler) {
    pending_.emplace_back(url, std::move(handler));
  }
  void on(const std::string& url, HttpResponse response) {
    on(url, [response](const HttpRequest&) -> Result<HttpResponse> { return response; });
  }
  static ImageReference ref(std::string_view text) {
    auto parsed = ImageReference::parse(text);
    EXPECT_TRUE(parsed.ok()) << parsed.status().to_string();
    return *parsed;
  }
  void mirror_docker_hub_to_local(bool fallback) {
    config_.mirrors["docker.io"] = RegistryMirror{{"http://127.0.0.1:5000"}, fallback};
  }

  RegistryConfig config_;
  FakeTransport* transport_ = nullptr;
  std::vector<std::pair<std::string, FakeTransport::Handler>> pending_;
  std::unique_ptr<HttpRegistryClient> client_;
};

const std::string kLocal = "http://127.0.0.1:5000/v2/";

TEST_F(RegistryClientTest, ResolvesAnImageManifestByTag) {
  on(kLocal + "x/y/manifests/1.0",
     respond(200, image_manifest(), {{"content-type", std::string(kOciManifestMediaType)}}));
  auto resolved = client().resolve(ref("127.0.0.1:5000/x/y:1.0"));
  ASSERT_TRUE(resolved.ok()) << resolved.status().to_string();
  EXPECT_EQ(resolved->name, "127.0.0.1:5000/x/y:1.0");
  EXPECT_EQ(resolved->endpoint, "127.0.0.1:5000");
  EXPECT_EQ(resolved->manifest,
            (Descriptor{std::string(kOciManifestMediaType), sha256_digest(image_manifest()),
                        static_cast<int64_t>(image_manifest().size())}));
  EXPECT_EQ(resolved->target, resolved->manifest);
  EXPECT_EQ(resolved->manifest_bytes, image_manifest());
  EXPECT_EQ(resolved->config.digest, sha256_digest(kConfig));
  ASSERT_EQ(resolved->layers.size(), 1u);
  EXPECT_EQ(resolved->layers[0].size, static_cast<int64_t>(kLayer.size()));
  EXPECT_EQ(transport_->header_of(0, "Accept"), manifest_accept_header());
}

TEST_F(RegistryClientTest, ResolvesAnIndexToLinuxAmd64) {
  std::string manifest = image_manifest();
  std::string index = index_for(manifest);
  on(kLocal + "x/y/manifests/latest",
     respond(200, index, {{"content-type", std::string(kOciIndexMediaType)}}));
  on(kLocal + "x/y/manifests/" + sha256_digest(manifest), respond(200, manifest));
  auto resolved = client().resolve(ref("127.0.0.1:5000/x/y"));
  ASSERT_TRUE(resolved.ok()) << resolved.status().to_string();
  EXPECT_EQ(resolved->target.media_type, kOciIndexMediaType);
  EXPECT_EQ(resolved->target.digest, sha256_digest(index));
  EXPECT_EQ(resolved->target_bytes, index);
  EXPECT_EQ(resolved->manifest.digest, sha256_digest(manifest));
  EXPECT_EQ(resolved->manifest_bytes, manifest);
  EXPECT_EQ(resolved->layers.size(), 1u);
}

TEST_F(RegistryClientTest, AManifestFetchedByDigestMustHaveThatDigest) {
  std::string manifest = image_manifest();
  std::string wanted = "sha256:" + std::string(64, 'e');
  on(kLocal + "x/y/manifests/" + wanted, respond(200, manifest));
  auto resolved = client().resolve(ref("127.0.0.1:5000/x/y@" + wanted));
  EXPECT_EQ(
      resolved.status(),
      Status::corrupt("pull 127.0.0.1:5000/x/y@" + wanted + ": digest mismatch for manifest " +
                      wanted + ": got " + sha256_digest(manifest) + " from 127.0.0.1:5000"));
}

TEST_F(RegistryClientTest, ManifestUnknownNamesTheImageStatusAndEndpoint) {
  mirror_docker_hub_to_local(false);
  on(kLocal + "library/nosuch/manifests/latest", manifest_unknown());
  auto resolved = client().resolve(ref("nosuch"));
  EXPECT_EQ(
      resolved.status(),
      Status::not_found(
          "pull docker.io/library/nosuch:latest: manifest unknown (404 from 127.0.0.1:5000)"));
}

TEST_F(RegistryClientTest, UnreachableRegistrySaysSo) {
  auto resolved = client().resolve(ref("127.0.0.1:1/x:latest"));
  EXPECT_EQ(resolved.status(),
            Status::unavailable("pull 127.0.0.1:1/x:latest: registry unreachable: connect "
                                "127.0.0.1:1: Connection refused"));
}

TEST_F(RegistryClientTest, MirrorFirstThenTheOriginOverHttps) {
  mirror_docker_hub_to_local(true);
  on(kLocal + "library/busybox/manifests/latest", manifest_unknown());
  on("https://registry-1.docker.io/v2/library/busybox/manifests/latest",
     respond(200, image_manifest()));
  auto resolved = client().resolve(ref("busybox"));
  ASSERT_TRUE(resolved.ok()) << resolved.status().to_string();
  EXPECT_EQ(resolved->endpoint, "registry-1.docker.io");
  EXPECT_EQ(transport_->urls(),
            (std::vector<std::string>{
                kLocal + "library/busybox/manifests/latest",
                "https://registry-1.docker.io/v2/library/busybox/manifests/latest"}));
}

TEST_F(RegistryClientTest, EveryEndpointsReasonWhenAllFail) {
  config_.mirrors["docker.io"] =
      RegistryMirror{{"http://127.0.0.1:5000", "http://127.0.0.1:5001/v2/"}, true};
  on(kLocal + "library/busybox/manifests/latest", manifest_unknown());
  on("https://registry-1.docker.io/v2/library/busybox/manifests/latest", respond(503, "", {}));
  auto resolved = client().resolve(ref("busybox"));
  EXPECT_EQ(
      resolved.status(),
      Status::not_found(
          "pull docker.io/library/busybox:latest: manifest unknown (404 from 127.0.0.1:5000); "
          "registry unreachable: connect 127.0.0.1:5001: Connection refused; HTTP error "
          "(503 from registry-1.docker.io)"));
}

TEST_F(RegistryClientTest, BearerTokenOnChallengeThenCached) {
  const std::string challenge =
      R"(Bearer realm="http://127.0.0.1:9000/token",service="test-registry",scope="repository:x/y:pull")";
  on(kLocal + "x/y/manifests/latest", [&](const HttpRequest& request) -> Result<HttpResponse> {
    for (const auto& [name, value] : request.headers) {
      if (name == "Authorization" && value == "Bearer t0k3n") {
        return respond(200, image_manifest());
      }
    }
    return respond(401,
                   R"({"errors":[{"code":"UNAUTHORIZED","message":"authentication required"}]})",
                   {{"www-authenticate", challenge}});
  });
  on("http://127.0.0.1:9000/token?service=test-registry&scope=repository%3Ax%2Fy%3Apull",
     respond(200, R"({"token":"t0k3n","expires_in":300})"));
  ASSERT_TRUE(client().resolve(ref("127.0.0.1:5000/x/y")).ok());
  ASSERT_EQ(transport_->requests.size(), 3u);
  EXPECT_EQ(transport_->header_of(1, "Authorization"), "");  // anonymous token
  EXPECT_EQ(transport_->header_of(2, "Authorization"), "Bearer t0k3n");
  ASSERT_TRUE(client().resolve(ref("127.0.0.1:5000/x/y")).ok());
  EXPECT_EQ(transport_->requests.size(), 4u);  // no second token request
  EXPECT_EQ(transport_->header_of(3, "Authorization"), "Bearer t0k3n");
}

TEST_F(RegistryClientTest, TokenRequestCarriesConfiguredCredentials) {
  config_.credentials["127.0.0.1:9000"] = RegistryCredentials{"aladdin", "opensesame"};
  on(kLocal + "x/y/manifests/latest", [&](const HttpRequest& request) -> Result<HttpResponse> {
    if (request.headers.empty() || request.headers.back().second != "Bearer secret") {
      return respond(401, "",
                     {{"www-authenticate", R"(Bearer realm="http://127.0.0.1:9000/token")"}});
    }
    return respond(200, image_manifest());
  });
  on("http://127.0.0.1:9000/token?scope=repository%3Ax%2Fy%3Apull",
     respond(200, R"({"access_token":"secret"})"));
  ASSERT_TRUE(client().resolve(ref("127.0.0.1:5000/x/y")).ok());
  EXPECT_EQ(transport_->header_of(1, "Authorization"), "Basic YWxhZGRpbjpvcGVuc2VzYW1l");
}

TEST_F(RegistryClientTest, BasicChallengeWithCredentials) {
  config_.credentials["127.0.0.1:5000"] = RegistryCredentials{"aladdin", "opensesame"};
  on(kLocal + "x/y/manifests/latest", [&](const HttpRequest& request) -> Result<HttpResponse> {
    if (request.headers.empty() ||
        request.headers.back().second != "Basic YWxhZGRpbjpvcGVuc2VzYW1l") {
      return respond(401, "", {{"www-authenticate", R"(Basic realm="registry")"}});
    }
    return respond(200, image_manifest());
  });
  EXPECT_TRUE(client().resolve(ref("127.0.0.1:5000/x/y")).ok());
}

TEST_F(RegistryClientTest, StillUnauthorizedAfterTheToken) {
  on(kLocal + "x/y/manifests/latest",
     respond(401, R"({"errors":[{"code":"UNAUTHORIZED","message":"authentication required"}]})",
             {{"www-authenticate", R"(Bearer realm="http://127.0.0.1:9000/token")"}}));
  on("http://127.0.0.1:9000/token?scope=repository%3Ax%2Fy%3Apull",
     respond(200, R"({"token":"t"})"));
  auto resolved = client().resolve(ref("127.0.0.1:5000/x/y"));
  EXPECT_EQ(resolved.status(),
            Status::invalid_argument("pull 127.0.0.1:5000/x/y:latest: unauthorized: authentication "
                                     "required (401 from 127.0.0.1:5000)"));
  EXPECT_EQ(transport_->requests.size(), 3u);
}

TEST_F(RegistryClientTest, UnreachableTokenServer) {
  on(kLocal + "x/y/manifests/latest",
     respond(401, "", {{"www-authenticate", R"(Bearer realm="http://127.0.0.1:9999/token")"}}));
  auto resolved = client().resolve(ref("127.0.0.1:5000/x/y"));
  EXPECT_EQ(resolved.status(),
            Status::unavailable(
                "pull 127.0.0.1:5000/x/y:latest: registry unreachable: token from 127.0.0.1:9999: "
                "connect 127.0.0.1:9999: Connection refused"));
}

TEST_F(RegistryClientTest, TokenServerRefusesTheCredentials) {
  config_.credentials["127.0.0.1:9000"] = RegistryCredentials{"aladdin", "wrong"};
  on(kLocal + "x/y/manifests/latest",
     respond(401, "", {{"www-authenticate", R"(Bearer realm="http://127.0.0.1:9000/token")"}}));
  on("http://127.0.0.1:9000/token?scope=repository%3Ax%2Fy%3Apull",
     respond(401, R"({"errors":[{"code":"UNAUTHORIZED","message":"bad credentials"}]})"));
  auto resolved = client().resolve(ref("127.0.0.1:5000/x/y"));
  EXPECT_EQ(resolved.status(),
            Status::invalid_argument(
                "pull 127.0.0.1:5000/x/y:latest: unauthorized: token request: bad credentials "
                "(401 from 127.0.0.1:9000)"));
}

TEST_F(RegistryClientTest, SchemaOneIsRefusedClearly) {
  on(kLocal + "x/y/manifests/latest",
     respond(200, R"({"schemaVersion":1,"name":"x/y"})",
             {{"content-type", "application/vnd.docker.distribution.manifest.v1+prettyjws"}}));
  auto resolved = client().resolve(ref("127.0.0.1:5000/x/y"));
  EXPECT_EQ(resolved.status().code(), StatusCode::kUnimplemented);
  EXPECT_EQ(resolved.status().message(),
            "pull 127.0.0.1:5000/x/y:latest: manifest latest from 127.0.0.1:5000: Docker image "
            "manifest schema 1 is "
            "not supported (push the image again with a current client)");
}

Descriptor layer_descriptor(const std::string& bytes) {
  return Descriptor{"application/vnd.oci.image.layer.v1.tar+gzip", sha256_digest(bytes),
                    static_cast<int64_t>(bytes.size())};
}

TEST_F(RegistryClientTest, FetchBlobStreamsAndVerifies) {
  Descriptor layer = layer_descriptor(kLayer);
  on(kLocal + "x/y/blobs/" + layer.digest, respond(200, kLayer));
  StringSink sink;
  Status status = client().fetch_blob(ref("127.0.0.1:5000/x/y"), layer, sink);
  ASSERT_TRUE(status.ok()) << status.to_string();
  EXPECT_EQ(sink.data, kLayer);
}

TEST_F(RegistryClientTest, FetchBlobFollowsRedirectsWithoutTheRegistrysAuthorization) {
  Descriptor layer = layer_descriptor(kLayer);
  on(kLocal + "x/y/blobs/" + layer.digest, [&](const HttpRequest& request) -> Result<HttpResponse> {
    if (request.headers.empty()) {
      return respond(401, "",
                     {{"www-authenticate", R"(Bearer realm="http://127.0.0.1:9000/token")"}});
    }
    return respond(307, "", {{"location", "http://127.0.0.1:7000/storage/blob?sig=1"}});
  });
  on("http://127.0.0.1:9000/token?scope=repository%3Ax%2Fy%3Apull",
     respond(200, R"({"token":"t"})"));
  on("http://127.0.0.1:7000/storage/blob?sig=1",
     respond(302, "", {{"location", "/storage/final"}}));
  on("http://127.0.0.1:7000/storage/final", respond(200, kLayer));
  StringSink sink;
  Status status = client().fetch_blob(ref("127.0.0.1:5000/x/y"), layer, sink);
  ASSERT_TRUE(status.ok()) << status.to_string();
  EXPECT_EQ(sink.data, kLayer);
  ASSERT_EQ(transport_->requests.size(), 5u);
  EXPECT_EQ(transport_->header_of(2, "Authorization"), "Bearer t");
  EXPECT_EQ(transport_->header_of(3, "Authorization"), "");
  EXPECT_EQ(transport_->header_of(4, "Authorization"), "");
}

TEST_F(RegistryClientTest, TooManyRedirects) {
  Descriptor layer = layer_descriptor(kLayer);
  on(kLocal + "x/y/blobs/" + layer.digest,
     respond(302, "", {{"location", "/v2/x/y/blobs/" + layer.digest}}));
  StringSink sink;
  Status status = client().fetch_blob(ref("127.0.0.1:5000/x/y"), layer, sink);
  EXPECT_EQ(status,
            Status::unavailable(
                "pull 127.0.0.1:5000/x/y:latest: more than 5 redirects (last to /v2/x/y/blobs/" +
                layer.digest + ")"));
}

TEST_F(RegistryClientTest, FetchBlobDigestMismatchNamesTheLayer) {
  Descriptor layer = layer_descriptor(kLayer);
  std::string tampered = kLayer;
  tampered[0] = 'L';
  mirror_docker_hub_to_local(true);
  on(kLocal + "library/busybox/blobs/" + layer.digest, respond(200, tampered));
  StringSink sink;
  Status status = client().fetch_blob(ref("busybox"), layer, sink);
  EXPECT_EQ(status,
            Status::corrupt("pull docker.io/library/busybox:latest: digest mismatch for layer " +
                            layer.digest + ": got " + sha256_digest(tampered)));
  // The sink holds part of a blob: the origin is not asked to continue it.
  EXPECT_EQ(transport_->requests.size(), 1u);
}

TEST_F(RegistryClientTest, FetchBlobTriesTheNextEndpointWhileNothingWasWritten) {
  Descriptor layer = layer_descriptor(kLayer);
  mirror_docker_hub_to_local(true);
  on(kLocal + "library/busybox/blobs/" + layer.digest,
     respond(404, R"({"errors":[{"code":"BLOB_UNKNOWN","message":"blob unknown to registry"}]})"));
  on("https://registry-1.docker.io/v2/library/busybox/blobs/" + layer.digest, respond(200, kLayer));
  StringSink sink;
  Status status = client().fetch_blob(ref("busybox"), layer, sink);
  ASSERT_TRUE(status.ok()) << status.to_string();
  EXPECT_EQ(sink.data, kLayer);
}

TEST_F(RegistryClientTest, FetchBlobReturnsTheSinksOwnErrorUnchanged) {
  struct FullSink final : BlobSink {
    Status write(std::string_view) override { return Status::unavailable("content store full"); }
  } full;
  Descriptor layer = layer_descriptor(kLayer);
  on(kLocal + "x/y/blobs/" + layer.digest, respond(200, kLayer));
  EXPECT_EQ(client().fetch_blob(ref("127.0.0.1:5000/x/y"), layer, full),
            Status::unavailable("content store full"));
}

TEST_F(RegistryClientTest, FetchBlobRefusesDigestsItCannotCheck) {
  Descriptor layer{"application/vnd.oci.image.layer.v1.tar", "sha512:" + std::string(128, '0'), 1};
  StringSink sink;
  EXPECT_EQ(client().fetch_blob(ref("127.0.0.1:5000/x/y"), layer, sink).code(),
            StatusCode::kUnimplemented);
  EXPECT_TRUE(transport_->requests.empty());
}

TEST(RegistryError, CodesByStatus) {
  EXPECT_EQ(registry_error(respond(404, "not json"), "h").to_string(),
            "NotFound: not found (404 from h)");
  EXPECT_EQ(registry_error(respond(403, ""), "h").code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(registry_error(respond(429, R"({"errors":[{"code":"TOOMANYREQUESTS"}]})"), "h"),
            Status::unavailable("TOOMANYREQUESTS (429 from h)"));
  EXPECT_EQ(registry_error(respond(500, ""), "h").code(), StatusCode::kUnavailable);
}

}  // namespace
}  // namespace herd::runtime::image
