# Test of strip_gogoproto.cmake (ctest ContainerdProto.StripGogoproto):
#   cmake -DSCRIPT=<strip_gogoproto.cmake> -P strip_gogoproto_test.cmake
include(${SCRIPT})

function(expect_stripped name input expected)
  herd_strip_gogoproto("${input}" actual)
  if(NOT actual STREQUAL expected)
    message(SEND_ERROR "${name}:\n--- expected\n${expected}\n--- actual\n${actual}")
  else()
    message(STATUS "ok: ${name}")
  endif()
endfunction()

expect_stripped(WeakImportsBecomeEmptyLines
  "syntax = \"proto3\";\nimport weak \"gogoproto/gogo.proto\";\nimport \"google/protobuf/any.proto\";\nimport weak \"github.com/containerd/containerd/protobuf/plugin/fieldpath.proto\";\nmessage A {}\n"
  "syntax = \"proto3\";\n\nimport \"google/protobuf/any.proto\";\n\nmessage A {}\n")

expect_stripped(OptionStatementsGo
  "enum Status {\n\toption (gogoproto.goproto_enum_prefix) = false;\n\toption (gogoproto.enum_customname) = \"Status\";\n\tUNKNOWN = 0;\n}\noption (containerd.plugin.fieldpath_all) = true;\noption go_package = \"x;y\";\n"
  "enum Status {\n\n\n\tUNKNOWN = 0;\n}\n\noption go_package = \"x;y\";\n")

expect_stripped(FieldOptionListWithOnlyGogoGoes
  "\tstring digest = 2 [(gogoproto.customtype) = \"github.com/opencontainers/go-digest.Digest\", (gogoproto.nullable) = false];\n\tUNKNOWN = 0 [(gogoproto.enumvalue_customname) = \"StatusUnknown\"];\n\trepeated Resource resources = 1\t[(gogoproto.nullable) = false];\n"
  "\tstring digest = 2;\n\tUNKNOWN = 0;\n\trepeated Resource resources = 1;\n")

expect_stripped(OtherFieldOptionsStay
  "\tstring a = 1 [(gogoproto.nullable) = false, deprecated = true];\n\tstring b = 2 [deprecated = true, (gogoproto.customname) = \"B\"];\n\tstring c = 3 [json_name = \"x\"];\n"
  "\tstring a = 1 [deprecated = true];\n\tstring b = 2 [deprecated = true];\n\tstring c = 3 [json_name = \"x\"];\n")

expect_stripped(FileWithoutGogoIsUnchanged
  "syntax = \"proto3\";\n// A comment; with a semicolon.\nmessage M { map<string, string> labels = 1; }\n"
  "syntax = \"proto3\";\n// A comment; with a semicolon.\nmessage M { map<string, string> labels = 1; }\n")
