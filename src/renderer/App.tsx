// The planner window: toolbar, unscheduled tasks, the week, and the integrations sidebar.
import { ErrorToast } from './components/ErrorToast';
import { PlaceDialog } from './components/PlaceDialog';
import { SettingsDialog } from './components/SettingsDialog';
import { Sidebar } from './components/Sidebar';
import { Toolbar } from './components/Toolbar';
import { UnscheduledTasks } from './components/UnscheduledTasks';
import { WeekCalendar } from './components/WeekCalendar';
import { useKeyboard } from './hooks/useKeyboard';
import { useLiveData } from './hooks/useLiveData';
import { useTheme } from './hooks/useTheme';
import { useUi } from './stores/ui';

export function App() {
  useLiveData();
  useKeyboard();
  useTheme();
  const sidebarOpen = useUi((s) => s.sidebarOpen);
  const currentUserId = useUi((s) => s.currentUserId);

  return (
    <div className={`app${sidebarOpen ? ' with-sidebar' : ''}`}>
      <Toolbar />
      <div className="workspace">
        <UnscheduledTasks />
        <main className="calendar-pane" aria-label="Week calendar">
          <WeekCalendar />
        </main>
        {sidebarOpen && <Sidebar currentUserId={currentUserId} />}
      </div>
      <ErrorToast />
      <PlaceDialog />
      <SettingsDialog />
    </div>
  );
}
