#include "image_store/content_ingest.hpp"

#include <chrono>
#include <thread>

namespace herd::runtime::image_store {
namespace {

using containerd::ContainerdClient;
using containerd::ContentWriter;

// containerd locks an upload's ref while a writer has it open: another pull
// of the same blob (a layer two images share) waits for it this long.
constexpr auto kLockedRetry = std::chrono::milliseconds(200);
constexpr int kLockedAttempts = 300;

// containerd's "ref herd-pull-sha256:… locked for …" (UNAVAILABLE): another
// writer has the upload open. Any other UNAVAILABLE (containerd gone) is final.
bool is_locked(const Status& status) {
  return status.code() == StatusCode::kUnavailable &&
         status.message().find(" locked") != std::string::npos;
}

std::string upload_ref(const Descriptor& blob) { return "herd-pull-" + blob.digest; }

class ContentWriterSink final : public BlobSink {
 public:
  explicit ContentWriterSink(ContentWriter& writer) : writer_(writer) {}
  Status write(std::string_view chunk) override { return writer_.write(chunk); }

 private:
  ContentWriter& writer_;
};

// Opens a writer for `blob`; nullptr when the store has it (now or after
// another upload of it ended). Asking the writer, not has_content(), matters:
// containerd answers "already exists" only after adding the blob to the
// client's lease, so it cannot be collected before the manifest references it.
Result<std::unique_ptr<ContentWriter>> open_upload(ContainerdClient& store,
                                                   const Descriptor& blob) {
  for (int attempt = 0;; ++attempt) {
    Result<std::unique_ptr<ContentWriter>> writer =
        store.open_writer(upload_ref(blob), to_containerd(blob));
    if (writer.ok()) {
      return writer;
    }
    if (writer.status().code() == StatusCode::kAlreadyExists) {
      return std::unique_ptr<ContentWriter>();
    }
    if (!is_locked(writer.status()) || attempt + 1 >= kLockedAttempts) {
      return writer.status();
    }
    std::this_thread::sleep_for(kLockedRetry);
  }
}

Status commit(ContentWriter& writer, const containerd::Labels& labels) {
  Status committed = writer.commit(labels);
  return committed.code() == StatusCode::kAlreadyExists ? Status() : committed;
}

}  // namespace

containerd::Descriptor to_containerd(const Descriptor& blob) {
  return containerd::Descriptor{blob.media_type, blob.digest, blob.size, {}};
}

Status put_blob(ContainerdClient& store, const Descriptor& blob, std::string_view data,
                const containerd::Labels& labels) {
  HERD_ASSIGN_OR_RETURN(std::unique_ptr<ContentWriter> writer, open_upload(store, blob));
  if (writer == nullptr) {
    return Status();
  }
  HERD_RETURN_IF_ERROR(writer->write(data));
  return commit(*writer, labels);
}

Status fetch_blob_into(ContainerdClient& store, RegistryClient& registry, const ImageReference& ref,
                       const Descriptor& blob, const containerd::Labels& labels) {
  HERD_ASSIGN_OR_RETURN(std::unique_ptr<ContentWriter> writer, open_upload(store, blob));
  if (writer == nullptr) {
    return Status();
  }
  ContentWriterSink sink(*writer);
  HERD_RETURN_IF_ERROR(registry.fetch_blob(ref, blob, sink));
  return commit(*writer, labels);
}

}  // namespace herd::runtime::image_store
