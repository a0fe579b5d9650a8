import { displayLineBreaks } from '../../../shared/domain/user-text';

/**
 * Text a person wrote, drawn exactly as written: its own direction
 * (`dir="auto"` isolates it, so a right-to-left override cannot reorder the
 * text around it), every kind of line break shown as one (a lone CR too),
 * and long unbroken strings wrapped.
 */
export function UserText({ text, className }: { text: string; className?: string }) {
  return (
    <p dir="auto" className={['user-text', className].filter(Boolean).join(' ')}>
      {displayLineBreaks(text)}
    </p>
  );
}
