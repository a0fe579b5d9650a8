import LibraryScreen from '../library/LibraryScreen';

/** Music is the library opened on albums. */
export default function MusicScreen() {
  return <LibraryScreen initialKind="album" />;
}
