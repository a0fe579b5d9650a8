/** The status line and the error line under an admin page's forms. */
export function AdminResult({ status, error }: { status: string | null; error: string | null }) {
  return (
    <>
      {status && <p role="status">{status}</p>}
      {error && (
        <p role="alert" className="notice notice--error">
          {error}
        </p>
      )}
    </>
  );
}
