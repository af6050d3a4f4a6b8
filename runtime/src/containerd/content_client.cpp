// Content store calls. A blob goes in through Content.Write, a bidirectional
// stream that containerd answers message by message:
//
//   → STAT  ref, total, expected      ← offset (ALREADY_EXISTS when the store has the blob)
//   → WRITE offset, data   (repeated) ← offset after the write
//   → COMMIT offset, total, expected, labels ← digest; containerd checks size and digest
//
// Writing at offset 0 truncates what an earlier, broken upload left under the
// same ref, so a retry simply starts over.

#include <algorithm>

#include <grpcpp/support/sync_stream.h>

#include "containerd/grpc_containerd_client.hpp"
#include "containerd/proto_convert.hpp"

namespace herd::runtime::containerd {
namespace {

// Well below containerd's 16 MiB message limit, and large enough that the
// lockstep of request and reply costs little.
constexpr size_t kChunkBytes = 1 << 20;

using WriteStream =
    grpc::ClientReaderWriter<pb::content::WriteContentRequest, pb::content::WriteContentResponse>;

class GrpcContentWriter final : public ContentWriter {
 public:
  GrpcContentWriter(std::shared_ptr<const Connection> conn, std::string lease, std::string ref,
                    Descriptor expected)
      : conn_(std::move(conn)),
        lease_(std::move(lease)),
        ref_(std::move(ref)),
        expected_(std::move(expected)) {}

  ~GrpcContentWriter() override {
    if (stream_ && !finished_) {
      context_.TryCancel();
      (void)stream_->Finish();  // cancelled on purpose: its status says only that
      // Best effort: drop the partial upload now rather than at the next open of ref_.
      pb::content::AbortRequest request;
      request.set_ref(ref_);
      google::protobuf::Empty response;
      grpc::ClientContext context;
      conn_->prepare(context, conn_->options().call_timeout, lease_);
      (void)conn_->content->Abort(&context, request, &response);  // failure changes nothing
    }
  }

  /// Opens the stream and sends STAT.
  Status open() {
    conn_->prepare(context_, conn_->options().transfer_timeout, lease_);
    stream_ = conn_->content->Write(&context_);
    pb::content::WriteContentRequest request;
    request.set_action(pb::content::STAT);
    request.set_ref(ref_);
    request.set_total(expected_.size);
    request.set_expected(expected_.digest);
    pb::content::WriteContentResponse response;
    return exchange(request, &response);
  }

  Status write(std::string_view data) override {
    while (!data.empty()) {
      const size_t n = std::min(data.size(), kChunkBytes);
      pb::content::WriteContentRequest request;
      request.set_action(pb::content::WRITE);
      request.set_offset(written_);
      request.set_data(data.data(), n);
      pb::content::WriteContentResponse response;
      HERD_RETURN_IF_ERROR(exchange(request, &response));
      written_ += static_cast<int64_t>(n);
      data.remove_prefix(n);
    }
    return Status();
  }

  Status commit(const Labels& labels) override {
    pb::content::WriteContentRequest request;
    request.set_action(pb::content::COMMIT);
    request.set_offset(written_);
    request.set_total(expected_.size);
    request.set_expected(expected_.digest);
    to_proto(labels, request.mutable_labels());
    pb::content::WriteContentResponse response;
    HERD_RETURN_IF_ERROR(exchange(request, &response));
    stream_->WritesDone();
    return finish();
  }

  int64_t written() const override { return written_; }

 private:
  /// Sends `request` and reads containerd's answer; on a broken stream, the
  /// stream's final status.
  Status exchange(const pb::content::WriteContentRequest& request,
                  pb::content::WriteContentResponse* response) {
    if (finished_) {
      return Status::internal("containerd Content.Write " + ref_ + ": writer already finished");
    }
    if (!stream_->Write(request) || !stream_->Read(response)) {
      Status status = finish();
      return status.ok() ? Status::unavailable("containerd Content.Write " + conn_->options().ns +
                                               "/" + ref_ + ": stream ended early")
                         : status;
    }
    return Status();
  }

  Status finish() {
    finished_ = true;
    // containerd sends the last answer once more as it returns (a deferred Send in
    // its handler); Finish waits for every message to be read.
    pb::content::WriteContentResponse ignored;
    while (stream_->Read(&ignored)) {
    }
    return from_grpc(stream_->Finish(), "Content.Write", conn_->options().ns, ref_);
  }

  std::shared_ptr<const Connection> conn_;
  std::string lease_;
  std::string ref_;
  Descriptor expected_;
  grpc::ClientContext context_;
  std::unique_ptr<WriteStream> stream_;
  int64_t written_ = 0;
  bool finished_ = false;
};

}  // namespace

Result<std::unique_ptr<ContentWriter>> GrpcContainerdClient::open_writer(
    const std::string& ref, const Descriptor& expected) {
  auto writer = std::make_unique<GrpcContentWriter>(conn_, lease_, ref, expected);
  HERD_RETURN_IF_ERROR(writer->open());
  return std::unique_ptr<ContentWriter>(std::move(writer));
}

Status GrpcContainerdClient::write_blob(const std::string& ref, const Descriptor& expected,
                                        std::string_view data, const Labels& labels) {
  auto writer = open_writer(ref, expected);
  if (!writer.ok()) {
    return writer.status().code() == StatusCode::kAlreadyExists ? Status() : writer.status();
  }
  HERD_RETURN_IF_ERROR((*writer)->write(data));
  Status committed = (*writer)->commit(labels);
  return committed.code() == StatusCode::kAlreadyExists ? Status() : committed;
}

Result<ContentInfo> GrpcContainerdClient::content_info(const std::string& digest) {
  pb::content::InfoRequest request;
  request.set_digest(digest);
  pb::content::InfoResponse response;
  HERD_RETURN_IF_ERROR(unary("Content.Info", digest, *conn_->content,
                             &pb::content::Content::Stub::Info, request, &response));
  return ContentInfo{response.info().digest(), response.info().size(),
                     from_proto(response.info().labels())};
}

Result<bool> GrpcContainerdClient::has_content(const std::string& digest) {
  auto info = content_info(digest);
  if (info.ok()) {
    return true;
  }
  if (info.status().code() == StatusCode::kNotFound) {
    return false;
  }
  return info.status();
}

Result<std::string> GrpcContainerdClient::read_blob(const std::string& digest) {
  pb::content::ReadContentRequest request;
  request.set_digest(digest);
  grpc::ClientContext context;
  conn_->prepare(context, conn_->options().transfer_timeout, lease_);
  auto reader = conn_->content->Read(&context, request);
  std::string data;
  pb::content::ReadContentResponse response;
  while (reader->Read(&response)) {
    if (response.offset() != static_cast<int64_t>(data.size())) {
      context.TryCancel();
      (void)reader->Finish();  // cancelled on purpose
      return Status::corrupt("containerd Content.Read " + options().ns + "/" + digest +
                             ": chunk at offset " + std::to_string(response.offset()) + " after " +
                             std::to_string(data.size()) + " bytes");
    }
    data += response.data();
  }
  HERD_RETURN_IF_ERROR(from_grpc(reader->Finish(), "Content.Read", options().ns, digest));
  return data;
}

Status GrpcContainerdClient::delete_content(const std::string& digest) {
  pb::content::DeleteContentRequest request;
  request.set_digest(digest);
  google::protobuf::Empty response;
  return unary("Content.Delete", digest, *conn_->content, &pb::content::Content::Stub::Delete,
               request, &response);
}

}  // namespace herd::runtime::containerd
