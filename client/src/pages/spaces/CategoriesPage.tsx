/**
 * /spaces/:slug/categories: a hub (or network) forum's categories, managed by its moderators (the
 * space's `abilities.moderateForum`): the list in order, add one at the end, rename, move up or down.
 * Everyone else is told they cannot manage them.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { alertMessage, FormAlert, type AlertMessage } from '../../components/FormAlert.js';
import { FormField } from '../../components/FormField.js';
import { LoadError } from '../../components/LoadError.js';
import { StatusMessage } from '../../components/StatusMessage.js';
import { SubmitButton } from '../../components/SubmitButton.js';
import { queryClient } from '../../data/queryClient.js';
import { useApiQuery } from '../../data/useApiQuery.js';
import { errorRefusal } from '../../errors/refusal.js';
import { usePageTitle } from '../../hooks/usePageTitle.js';
import { Link } from '../../router.js';
import {
  addCategory,
  fetchCategories,
  fetchSpace,
  renameCategory,
  reorderCategories,
  spaceKeys,
  type CategoryView,
  type SpaceView,
} from './spacesApi.js';

/** A category address from its name (Latin letters and digits; others get a numbered one). */
function categorySlug(name: string, taken: Set<string>): string {
  const base =
    name
      .normalize('NFKD')
      .replace(/\p{M}+/gu, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 56)
      .replace(/-+$/g, '') || 'category';
  let slug = base.length >= 2 ? base : `category-${base}`;
  for (let n = 2; taken.has(slug); n++) slug = `${base}-${n}`;
  return slug;
}

/** The page for the forum of space `slug`. */
export function CategoriesPage({ slug }: { slug: string }) {
  const { t } = useTranslation();
  const space = useApiQuery(spaceKeys.space(slug), (signal) => fetchSpace(slug, signal));
  usePageTitle(t('spaces.categories.heading'));
  if (space.state === 'loading') return <StatusMessage>{t('spaces.loading')}</StatusMessage>;
  if (space.state === 'error') return <LoadError error={space.error} onRetry={space.retry} />;
  return (
    <section className="spaces-page" aria-labelledby="categories-heading">
      <h1 id="categories-heading">{t('spaces.categories.heading')}</h1>
      <p>
        <Link to={`/spaces/${slug}`}>
          <bdi>{space.data.name}</bdi>
        </Link>
      </p>
      {space.data.abilities.moderateForum ? (
        <CategoryManager space={space.data} />
      ) : (
        <p>{t('spaces.categories.notAllowed')}</p>
      )}
    </section>
  );
}

function CategoryManager({ space }: { space: SpaceView }) {
  const { t } = useTranslation();
  const list = useApiQuery(spaceKeys.categories(space.slug), (signal) => fetchCategories(space.slug, signal));
  const [alert, setAlert] = useState<AlertMessage | null>(null);
  const [status, setStatus] = useState('');
  const refresh = () => queryClient.invalidateQueries({ queryKey: spaceKeys.categories(space.slug) });
  const run = async (change: () => Promise<unknown>, done: string) => {
    try {
      await change();
      await refresh();
      setAlert(null);
      setStatus(done);
    } catch (error) {
      setAlert(alertMessage(errorRefusal(error, t)));
    }
  };
  if (list.state === 'loading') return <StatusMessage>{t('spaces.loading')}</StatusMessage>;
  if (list.state === 'error') return <LoadError error={list.error} onRetry={list.retry} />;
  const categories = list.data.items;
  const move = (index: number, by: -1 | 1) => {
    const order = categories.map((c) => c.slug);
    const [moved] = order.splice(index, 1);
    if (!moved) return;
    order.splice(index + by, 0, moved);
    const name = categories[index]?.name ?? '';
    void run(
      () => reorderCategories(space.slug, order),
      t('spaces.categories.moved', { category: name, position: index + by + 1 }),
    );
  };
  return (
    <>
      <FormAlert message={alert} id="categories-alert" />
      <StatusMessage>{status}</StatusMessage>
      {categories.length === 0 ? (
        <p>{t('spaces.categories.none')}</p>
      ) : (
        <ol className="category-list" aria-label={t('spaces.categories.listLabel')}>
          {categories.map((category, index) => (
            <li key={category.id}>
              <CategoryRow
                category={category}
                first={index === 0}
                last={index === categories.length - 1}
                onMove={(by) => move(index, by)}
                onRename={(name) =>
                  run(
                    () => renameCategory(space.slug, category.slug, name),
                    t('spaces.categories.renamed', { category: name }),
                  )
                }
              />
            </li>
          ))}
        </ol>
      )}
      <AddCategory
        onAdd={(name) =>
          run(
            () =>
              addCategory(space.slug, {
                name,
                slug: categorySlug(name, new Set(categories.map((c) => c.slug))),
                position: ((categories.at(-1)?.position ?? 0) + 10) % 10_001,
              }),
            t('spaces.categories.added', { category: name }),
          )
        }
      />
    </>
  );
}

function CategoryRow({
  category,
  first,
  last,
  onMove,
  onRename,
}: {
  category: CategoryView;
  first: boolean;
  last: boolean;
  onMove: (by: -1 | 1) => void;
  onRename: (name: string) => Promise<void>;
}) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState(category.name);
  const id = `rename-${category.id}`;
  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (name.trim() === '') return;
    await onRename(name.trim());
    setEditing(false);
  };
  if (editing)
    return (
      <form onSubmit={(e) => void save(e)} className="category-rename">
        <FormField id={id} label={t('spaces.categories.newName', { category: category.name })} required>
          {(control) => (
            <input
              {...control}
              type="text"
              maxLength={200}
              value={name}
              onChange={(e) => setName(e.target.value)}
            />
          )}
        </FormField>
        <button type="submit" className="button">
          {t('spaces.categories.save')}
        </button>{' '}
        <button type="button" className="button button--secondary" onClick={() => setEditing(false)}>
          {t('spaces.categories.cancel')}
        </button>
      </form>
    );
  return (
    <span className="category-row">
      <bdi className="category-row__name">{category.name}</bdi>{' '}
      <button type="button" className="button button--secondary" onClick={() => setEditing(true)}>
        {t('spaces.categories.rename', { category: category.name })}
      </button>{' '}
      {!first && (
        <button type="button" className="button button--secondary" onClick={() => onMove(-1)}>
          {t('spaces.categories.up', { category: category.name })}
        </button>
      )}{' '}
      {!last && (
        <button type="button" className="button button--secondary" onClick={() => onMove(1)}>
          {t('spaces.categories.down', { category: category.name })}
        </button>
      )}
    </span>
  );
}

function AddCategory({ onAdd }: { onAdd: (name: string) => Promise<void> }) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [sending, setSending] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (name.trim() === '') {
      setError(t('spaces.categories.nameMissing'));
      return;
    }
    setError(undefined);
    setSending(true);
    await onAdd(name.trim());
    setName('');
    setSending(false);
  };
  return (
    <form
      onSubmit={(e) => void submit(e)}
      noValidate
      className="space-section"
      aria-labelledby="add-category"
    >
      <h2 id="add-category">{t('spaces.categories.add')}</h2>
      <FormField id="category-name" label={t('spaces.categories.name')} error={error} required>
        {(control) => (
          <input
            {...control}
            type="text"
            maxLength={200}
            value={name}
            onChange={(e) => setName(e.target.value)}
          />
        )}
      </FormField>
      <SubmitButton sending={sending} busyLabel={t('spaces.categories.adding')}>
        {t('spaces.categories.addButton')}
      </SubmitButton>
    </form>
  );
}
