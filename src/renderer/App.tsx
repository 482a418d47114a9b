// The planner window: toolbar, the reconnect banner, unscheduled tasks, the week, the
// integrations sidebar, and the sync status bar.
import { useMemo } from 'react';
import { ErrorToast } from './components/ErrorToast';
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

  return (
    <div className={`app${sidebarOpen ? ' with-sidebar' : ''}`}>
      <Toolbar />
      <ReconnectBanner />
      <div className="workspace">
        <UnscheduledTasks />
        <main className="calendar-pane" aria-label="Week calendar">
          <WeekCalendar />
        </main>
        {sidebarOpen && <Sidebar signedInUsers={signedInUsers} fallbackUserId={addressUserId} />}
      </div>
      <StatusBar />
      <ErrorToast />
      <PlaceDialog />
      <SettingsDialog />
    </div>
  );
}
