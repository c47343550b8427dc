/** Checks that ids name existing, active people before they are made coordinators or focal points. */
import { PersonModel } from '../../models/Person.js';
import { InvalidError } from '../../errors.js';

/** Throws Invalid naming the field when any id is not an active person. */
export async function requireActivePeople(ids: string[], field: string, cityId?: string): Promise<void> {
  if (ids.length === 0) return;
  const unique = [...new Set(ids)];
  const filter: Record<string, unknown> = { _id: { $in: unique }, status: 'active' };
  if (cityId) filter.cityId = cityId;
  const found = await PersonModel.countDocuments(filter);
  if (found !== unique.length) {
    const where = cityId ? ' of this city' : '';
    throw new InvalidError(`Every id in ${field} must name an active person${where}.`, [
      { path: field, message: `unknown, inactive or not a person${where}` },
    ]);
  }
}
