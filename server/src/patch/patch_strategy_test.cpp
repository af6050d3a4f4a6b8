#include "patch/patch_strategy.hpp"

#include <map>
#include <utility>
#include <variant>

#include <gtest/gtest.h>

#include "herd/api/object.hpp"
#include "herd/api/type_info.hpp"

namespace herd::server::patch {
namespace {

void collect(const api::TypeInfo& type, std::map<std::string_view, const api::TypeInfo*>& out) {
  if (!out.emplace(type.name, &type).second) return;
  for (const api::FieldInfo& f : type.fields) {
    if (f.type != nullptr) collect(*f.type, out);
  }
}

// Every struct reachable from the kinds herd serves, by schema name.
template <std::size_t... I>
std::map<std::string_view, const api::TypeInfo*> model_types(std::index_sequence<I...>) {
  std::map<std::string_view, const api::TypeInfo*> types;
  (collect(api::type_info_of<std::variant_alternative_t<I, api::Object>>(), types), ...);
  return types;
}

TEST(PatchStrategyTest, ContainersMergeByNameAndPortsByContainerPort) {
  ASSERT_NE(list_strategy("PodSpec", "containers"), nullptr);
  EXPECT_EQ(list_strategy("PodSpec", "containers")->merge_key, "name");
  EXPECT_EQ(list_strategy("Container", "ports")->merge_key, "containerPort");
  EXPECT_EQ(list_strategy("ObjectMeta", "finalizers")->merge_key, "");
  EXPECT_TRUE(list_strategy("PodSpec", "volumes")->retain_keys);
  EXPECT_TRUE(retains_keys("DeploymentSpec", "strategy"));
}

TEST(PatchStrategyTest, ListsWithoutATagAreAtomic) {
  EXPECT_EQ(list_strategy("Container", "args"), nullptr);
  EXPECT_EQ(list_strategy("PodSpec", "tolerations"), nullptr);
  EXPECT_FALSE(retains_keys("PodSpec", "containers"));
}

TEST(PatchStrategyTest, EveryEntryNamesAListFieldOfTheModel) {
  auto types = model_types(std::make_index_sequence<std::variant_size_v<api::Object>>());
  for (const ListStrategyEntry& e : all_list_strategies()) {
    auto type = types.find(e.type);
    ASSERT_NE(type, types.end()) << e.type;
    const api::FieldInfo* field = type->second->find(e.field);
    ASSERT_NE(field, nullptr) << e.type << "." << e.field;
    EXPECT_TRUE(field->list) << e.type << "." << e.field;
    if (!e.strategy.merge_key.empty()) {
      ASSERT_NE(field->type, nullptr) << e.type << "." << e.field;
      EXPECT_NE(field->type->find(e.strategy.merge_key), nullptr) << e.type << "." << e.field;
    }
  }
}

}  // namespace
}  // namespace herd::server::patch
