// Every scenario suite over the embedded file log (unit: no service needed).

#include "scenarios/scenario_logs.hpp"

namespace herd::actors::scenarios {

HERD_INSTANTIATE_SCENARIOS(File, file_scenario_logs());

}  // namespace herd::actors::scenarios
