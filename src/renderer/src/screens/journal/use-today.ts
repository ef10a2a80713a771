/** Today's date in this machine's clock, as `YYYY-MM-DD`, turning over at local midnight while the screen is open. */
import { useEffect, useState } from 'react';
import { clockOffsetMinutes, localDateOf } from '../../../../shared/journal';

const todayNow = () => localDateOf(new Date(), clockOffsetMinutes());

export function useToday(): string {
  const [today, setToday] = useState(todayNow);
  useEffect(() => {
    const now = new Date();
    const midnight = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1);
    const timer = setTimeout(() => setToday(todayNow()), midnight.getTime() - now.getTime() + 1000);
    return () => clearTimeout(timer);
  }, [today]);
  return today;
}
