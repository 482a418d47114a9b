// The planner window: toolbar, the reconnect banner, unscheduled tasks, the week, the
// integrations sidebar, and the sync status bar.
import { useEffect, useMemo, useState } from 'react';
import { CommandPalette } from './components/CommandPalette';
import { EntryDetails } from './components/EntryDetails';
import { EntryMenu } from './components/EntryMenu';
import { ErrorToast } from './components/ErrorToast';
import { ShortcutsOverlay } from './components/ShortcutsOverlay';
import { UndoNotice } from './components/UndoNotice';
import { PlaceDialog } from './components/PlaceDialog';
import { ReconnectBanner } from './components/ReconnectBanner';
import { SettingsDialog } from './components/SettingsDialog';
import { Sidebar } from './components/Sidebar';
import { StatusBar } from './components/StatusBar';
import { Toolbar } from './components/Toolbar';
import { UnscheduledTasks } from './components/UnscheduledTasks';
import { WeekCalendar } from './components/WeekCalendar';
import { useKeyboard } from './hooks/useKeyboard';
import { useLiveData } from './hooks/useLiveData';
import { useNavigation } from './hooks/useNavigation';
import { useTheme } from './hooks/useTheme';
import { signedInUserIds } from './stores/accounts';
import { useSync } from './stores/sync';
import { useUi } from './stores/ui';

export function App() {
  useLiveData();
  useNavigation();
  useKeyboard();
  useTheme();
  const sidebarOpen = useUi((s) => s.sidebarOpen);
  // "Assigned to me": the provider's signed-in user; `?user=` only without an account.
  const statusAccounts = useSync((s) => s.status.accounts);
  const signedInUsers = useMemo(() => signedInUserIds(statusAccounts), [statusAccounts]);
  const addressUserId = useUi((s) => s.currentUserId);
  // Where the window is too narrow for both panels and a readable week, the unscheduled list
  // folds to a rail (it opens on demand) so the days keep their room.
  const narrow = useNarrowWindow(sidebarOpen ? 1200 : 900);
  const unscheduledOpen = useUi((s) => s.unscheduledOpen);
  const folded = narrow && !unscheduledOpen;

  return (
    <div className={`app${sidebarOpen ? ' with-sidebar' : ''}${folded ? ' unscheduled-folded' : ''}`}>
      <Toolbar />
      <ReconnectBanner />
      <div className="workspace">
        <UnscheduledTasks folded={folded} foldable={narrow} />
        <main className="calendar-pane" aria-label="Week calendar" tabIndex={-1}>
          <WeekCalendar />
        </main>
        {sidebarOpen && <Sidebar signedInUsers={signedInUsers} fallbackUserId={addressUserId} />}
      </div>
      <StatusBar />
      <ErrorToast />
      <UndoNotice />
      <EntryMenu />
      <EntryDetails />
      <ShortcutsOverlay />
      <CommandPalette />
      <PlaceDialog />
      <SettingsDialog />
    </div>
  );
}

/** True while the window is narrower than `px`. */
function useNarrowWindow(px: number): boolean {
  const query = `(max-width: ${px - 0.02}px)`;
  const [narrow, setNarrow] = useState(() => window.matchMedia(query).matches);
  useEffect(() => {
    const list = window.matchMedia(query);
    const update = () => setNarrow(list.matches);
    update();
    list.addEventListener('change', update);
    return () => list.removeEventListener('change', update);
  }, [query]);
  return narrow;
}
