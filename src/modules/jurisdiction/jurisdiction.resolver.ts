import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import { Jurisdiction } from './jurisdiction.entity.js';
import type { JurisdictionRow } from './jurisdiction.loaders.js';
import { UnitKind } from '../common/enums.js';
import { toGlobalId, PageArgs } from '../../graphql/relay.js';
import type { Context } from '../../graphql/context.js';
import { UnitConnection } from '../unit/unit.types.js';

@ArgsType()
class JurisdictionUnitsArgs extends PageArgs {

  @Field(() => UnitKind, { nullable: true, description: 'Only units of this kind.' })
  kind?: UnitKind | null;
}

@Resolver(() => Jurisdiction)
export class JurisdictionResolver {
  @Query(() => Jurisdiction, { nullable: true, description: 'A division by its GB/T 2260 code 行政区划代码 (140000 山西省, 140500 晋城市, 140525 泽州县).' })
  jurisdiction(@Arg('code', () => String, { description: 'GB/T 2260 code, six digits.' }) code: string, @Ctx() { loaders }: Context) {
    return loaders.jurisdictionByCode.load(code.trim());
  }

  @FieldResolver(() => ID, { description: 'Global ID.' })
  id(@Root() j: JurisdictionRow) {
    return toGlobalId('Jurisdiction', j.code);
  }

  @FieldResolver(() => Jurisdiction, { nullable: true, description: 'The division above 上级区划 (null for a province).' })
  parent(@Root() j: JurisdictionRow, @Ctx() { loaders }: Context) {
    return j.parentCode ? loaders.jurisdictionByCode.load(j.parentCode) : null;
  }

  @FieldResolver(() => [Jurisdiction], { description: 'The divisions directly below 下级区划, by code.' })
  children(@Root() j: JurisdictionRow, @Ctx() { loaders }: Context) {
    return loaders.jurisdictionChildren.load(j.code);
  }

  @FieldResolver(() => UnitConnection, { description: 'Units of this division 本级单位 (its government, departments, collectives …).' })
  units(@Root() j: JurisdictionRow, @Args(() => JurisdictionUnitsArgs) args: JurisdictionUnitsArgs, @Ctx() { loaders }: Context) {
    return args.kind ? loaders.unitsByJurisdiction.load(j.code, args, 'u.kind = ?', [args.kind]) : loaders.unitsByJurisdiction.load(j.code, args);
  }
}
