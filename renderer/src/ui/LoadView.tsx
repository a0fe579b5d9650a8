import type { ReactNode } from 'react';
import type { Load } from '../api/use-load';
import { ErrorNotice } from './ErrorNotice';
import { Loading } from './Loading';

/** The three states of a read, drawn the same way on every screen. */
export function LoadView<T>({
  load,
  onRetry,
  children,
}: {
  load: Load<T>;
  onRetry?: () => void;
  children: (value: T) => ReactNode;
}) {
  if (load.state === 'loading') return <Loading />;
  if (load.state === 'error') return <ErrorNotice error={load.error} onRetry={onRetry} />;
  return <>{children(load.value)}</>;
}
