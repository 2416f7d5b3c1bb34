/**
 * @module drivers/gpu-redfish/sim-resources
 * The Redfish resource tree the simulator serves, modelled on DMTF's public-rackmount1 mockup (service root
 * v1_15_0 with `Tasks` and `Links.Sessions`, ComputerSystem with the Reset action, SessionService) with the
 * ids a GPU server's BMC uses; the power resources come from `sim-power-bodies.ts`. Pure: bodies are rendered
 * from the values passed in.
 */
import { powerBodies } from './sim-power-bodies.ts';
import {
  collection,
  link,
  OK,
  resource,
  type SimBodies,
  type SimLayout,
  type SimState,
  type SimUris,
  simUris,
} from './sim-uris.ts';

/** The body at `path`, or undefined when the tree has no such resource. */
export function renderResource(path: string, layout: SimLayout, state: SimState): unknown {
  const body = bodies(simUris(layout), layout, state)[path];
  if (body === undefined) return undefined;
  const rendered = body();
  return state.etag === null || 'Members' in rendered ? rendered : { ...rendered, '@odata.etag': state.etag };
}

/** Whether `path` is a collection: collections answer 405 to writes (the session collection's login aside). */
export function isCollection(path: string, layout: SimLayout): boolean {
  const body = bodies(simUris(layout), layout, EMPTY_STATE)[path];
  return body !== undefined && 'Members' in body();
}

const EMPTY_STATE: SimState = {
  powerState: 'On',
  reportedW: 0,
  setPointW: null,
  controlMode: 'Disabled',
  sessionTimeoutS: 0,
  sessionIds: [],
  etag: null,
};

/** Services the root links that a GPU-server client never reads; they exist so that no link leads nowhere. */
const OTHER_SERVICES = ['AccountService', 'EventService', 'Registries', 'UpdateService'];

function bodies(u: SimUris, layout: SimLayout, state: SimState): SimBodies {
  const { generation } = layout;
  const newPower = generation !== 'legacy-power';
  const tree: SimBodies = {
    [u.root]: () =>
      resource(u.root, '#ServiceRoot.v1_15_0.ServiceRoot', 'RootService', 'Root Service', {
        RedfishVersion: '1.15.0',
        UUID: '92384634-2938-2342-8820-489239905423',
        Vendor: 'Contoso',
        Product: 'GPU Server BMC (simulated)',
        Systems: link(u.systems),
        Chassis: link(u.chassisCollection),
        Managers: link(u.managers),
        Tasks: link(u.taskService),
        SessionService: link(u.sessionService),
        ...Object.fromEntries(OTHER_SERVICES.map((name) => [name, link(`/redfish/v1/${name}`)])),
        Links: { Sessions: link(u.sessions) },
      }),
    [u.systems]: () =>
      collection(u.systems, 'ComputerSystemCollection', 'Computer System Collection', [u.system]),
    [u.system]: () =>
      resource(u.system, '#ComputerSystem.v1_20_0.ComputerSystem', layout.systemId, 'GPU Server', {
        SystemType: 'Physical',
        Manufacturer: 'Contoso',
        Model: 'GPU Server 8xH100 SXM',
        PowerState: state.powerState,
        Status: { ...OK, HealthRollup: 'OK' },
        ProcessorSummary: { Count: 2, Model: 'Intel(R) Xeon(R) Platinum 8480C' },
        Links: { Chassis: [link(u.chassis)], ManagedBy: [link(u.manager)] },
        Actions: {
          '#ComputerSystem.Reset': {
            target: u.reset,
            ...(layout.resetInfo === 'inline'
              ? { 'ResetType@Redfish.AllowableValues': layout.resetTypes }
              : { '@Redfish.ActionInfo': u.resetInfo }),
          },
        },
      }),
    [u.chassisCollection]: () =>
      collection(u.chassisCollection, 'ChassisCollection', 'Chassis Collection', [u.chassis]),
    [u.chassis]: () =>
      resource(u.chassis, '#Chassis.v1_22_0.Chassis', layout.chassisId, 'Computer System Chassis', {
        ChassisType: 'RackMount',
        Manufacturer: 'Contoso',
        PowerState: state.powerState === 'Off' ? 'Off' : 'On',
        Status: OK,
        ...(generation === 'environment-metrics' ? { EnvironmentMetrics: link(u.environmentMetrics) } : {}),
        ...(newPower
          ? { PowerSubsystem: link(u.powerSubsystem), Controls: link(u.controls), Sensors: link(u.sensors) }
          : {}),
        // Like the mockup, the newest generation still links the deprecated Power resource.
        ...(generation === 'power-subsystem' ? {} : { Power: link(u.power) }),
        Links: { ComputerSystems: [link(u.system)], ManagedBy: [link(u.manager)] },
      }),
    [u.managers]: () => collection(u.managers, 'ManagerCollection', 'Manager Collection', [u.manager]),
    [u.manager]: () =>
      resource(u.manager, '#Manager.v1_19_0.Manager', layout.managerId, 'BMC', {
        ManagerType: 'BMC',
        FirmwareVersion: '24.09',
        Status: OK,
      }),
    [u.sessionService]: () =>
      resource(
        u.sessionService,
        '#SessionService.v1_1_8.SessionService',
        'SessionService',
        'Session Service',
        {
          ServiceEnabled: true,
          SessionTimeout: state.sessionTimeoutS,
          Sessions: link(u.sessions),
        },
      ),
    [u.sessions]: () =>
      collection(
        u.sessions,
        'SessionCollection',
        'Session Collection',
        state.sessionIds.map((id) => `${u.sessions}/${id}`),
      ),
    [u.taskService]: () =>
      resource(u.taskService, '#TaskService.v1_2_0.TaskService', 'TaskService', 'Task Service', {
        ServiceEnabled: true,
      }),
  };
  if (layout.resetInfo === 'action-info') {
    tree[u.resetInfo] = () =>
      resource(u.resetInfo, '#ActionInfo.v1_3_0.ActionInfo', 'ResetActionInfo', 'Reset Action Info', {
        Parameters: [
          { Name: 'ResetType', Required: true, DataType: 'String', AllowableValues: layout.resetTypes },
        ],
      });
  }
  for (const name of OTHER_SERVICES) {
    tree[`/redfish/v1/${name}`] = () =>
      resource(`/redfish/v1/${name}`, `#${name}.v1_0_0.${name}`, name, name);
  }
  return { ...tree, ...powerBodies(u, layout, state) };
}
