import { ConnectionType } from '../../graphql/relay.js';
import { Unit } from './unit.entity.js';

export const UnitConnection = ConnectionType(Unit, 'Unit', 'unit');
