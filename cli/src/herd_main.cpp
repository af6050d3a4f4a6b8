// herd: the server side of herd. This build has only `version`; the control
// plane (`herd up`) comes with the event log and actors.

#include <iostream>

#include <CLI/CLI.hpp>

int main(int argc, char** argv) {
  CLI::App app{"herd: a container orchestrator with Kubernetes' object model, built as an event-sourced actor system."};
  app.require_subcommand(1);
  CLI::App* version = app.add_subcommand("version", "Print herd's version");
  CLI11_PARSE(app, argc, argv);
  if (version->parsed()) {
    std::cout << "herd " << HERD_VERSION << "\n";
    return 0;
  }
  return 2;
}
