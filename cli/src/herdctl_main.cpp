// herdctl: the herd client. This build has the offline manifest commands.

#include <iostream>

#include <CLI/CLI.hpp>

#include "herd/cli/herdctl_commands.hpp"

int main(int argc, char** argv) {
  CLI::App app{"herdctl: the command-line client of herd, a container orchestrator with Kubernetes' object model."};
  app.require_subcommand(1);

  herd::cli::ValidateOptions validate;
  CLI::App* v = app.add_subcommand(
      "validate", "Check manifests offline: every problem as FILE:LINE:COL: field.path: message. Exit 0 if all valid.");
  v->add_option("-f,--filename", validate.files, "File, directory or - (stdin); repeatable")->required();
  v->add_flag("-R,--recursive", validate.recursive, "Also read subdirectories of directories given with -f");
  v->add_flag("--lenient", validate.lenient, "Report unknown fields as warnings instead of errors");

  herd::cli::ConvertOptions convert;
  CLI::App* c = app.add_subcommand(
      "convert", "Print manifests normalized: current apiVersion, Kubernetes' defaults applied.");
  c->add_option("-f,--filename", convert.files, "File, directory or - (stdin); repeatable")->required();
  c->add_flag("-R,--recursive", convert.recursive, "Also read subdirectories of directories given with -f");
  c->add_flag("--lenient", convert.lenient, "Report unknown fields as warnings instead of errors");
  c->add_option("-o,--output", convert.output, "Output format: yaml or json")
      ->check(CLI::IsMember({"yaml", "json"}))
      ->default_str("yaml");

  CLI11_PARSE(app, argc, argv);
  if (v->parsed()) return herd::cli::run_validate(validate, std::cin, std::cout, std::cerr);
  if (c->parsed()) return herd::cli::run_convert(convert, std::cin, std::cout, std::cerr);
  return 2;
}
