export { facilityEnergyMWh, facilityPowerW, itPowerW, measuredPue } from './facility.ts';
export {
  type CbeciAssumptions,
  cbeciNetworkEnergy,
  energyTWhPerYear,
  type FleetMachine,
  impliedFleetEfficiencyJPerTh,
  type NetworkEnergyBound,
  networkPowerW,
} from './network.ts';
