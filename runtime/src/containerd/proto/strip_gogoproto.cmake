# Strips gogoproto (and containerd's fieldpath plugin) options from one of
# containerd's .proto files, so protoc without those extensions accepts it.
#
#   cmake -DIN=<original.proto> -DOUT=<stripped.proto> -P strip_gogoproto.cmake
#
# or include() it and call herd_strip_gogoproto(<text> <out-var>).
#
# What goes, each only where it names gogoproto or containerd.plugin:
#   import weak "gogoproto/gogo.proto";                       (the whole line)
#   option (gogoproto.goproto_enum_prefix) = false;           (the whole line)
#   option (containerd.plugin.fieldpath_all) = true;          (the whole line)
#   [(gogoproto.nullable) = false, (gogoproto.customname) = "OS"]   (each entry;
#                                 the brackets too when nothing else is left)
# A removed line leaves an empty line, so protoc's line numbers still match the
# Debian file. The options only shape Go code: the wire format is unchanged.

function(herd_strip_gogoproto text out_var)
  set(t "${text}")
  string(REGEX REPLACE
    "\n[ \t]*import[ \t]+weak[ \t]+\"(gogoproto/gogo|github.com/containerd/containerd/protobuf/plugin/fieldpath)\\.proto\"[ \t]*;[^\n]*"
    "\n" t "${t}")
  string(REGEX REPLACE
    "\n[ \t]*option[ \t]+\\((gogoproto|containerd\\.plugin)\\.[A-Za-z0-9_]+\\)[ \t]*=[^;\n]*;[^\n]*"
    "\n" t "${t}")
  # One entry of a field's or enum value's option list, and a comma after it.
  string(REGEX REPLACE
    "\\((gogoproto|containerd\\.plugin)\\.[A-Za-z0-9_]+\\)[ \t]*=[ \t]*(\"[^\"\n]*\"|[A-Za-z0-9_.]+)[ \t]*,?[ \t]*"
    "" t "${t}")
  # "[]" left by a list of only those entries, and a dangling ", ]".
  string(REGEX REPLACE "[ \t]*\\[[ \t]*\\]" "" t "${t}")
  string(REGEX REPLACE ",[ \t]*]" "]" t "${t}")
  if(t MATCHES "gogoproto|\\(containerd\\.plugin\\.")
    string(REGEX MATCH "[^\n]*(gogoproto|\\(containerd\\.plugin\\.)[^\n]*" line "${t}")
    message(FATAL_ERROR "strip_gogoproto: cannot strip this line: ${line}")
  endif()
  set(${out_var} "${t}" PARENT_SCOPE)
endfunction()

if(CMAKE_SCRIPT_MODE_FILE STREQUAL CMAKE_CURRENT_LIST_FILE AND DEFINED IN)
  if(NOT DEFINED OUT)
    message(FATAL_ERROR "usage: cmake -DIN=<proto> -DOUT=<proto> -P strip_gogoproto.cmake")
  endif()
  file(READ "${IN}" original)
  herd_strip_gogoproto("${original}" stripped)
  file(WRITE "${OUT}" "${stripped}")
endif()
