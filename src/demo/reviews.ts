/** The bundled demo site's reviews, newest first: what `repwatch demo` crawls. */
export interface DemoReview {
  id: string;
  author: string;
  rating: number;
  title: string;
  text: string;
  date: string;
  location: string;
}

export const STATIC_REVIEWS: DemoReview[] = [
  { id: 'r-1024', author: 'Анна К.', rating: 1, title: 'Ужасное обслуживание', text: 'Ждали заказ 40 минут, кофе принесли холодный, официант нахамил. Больше не придём.', date: '2026-11-20T18:12:00Z', location: 'Москва, Тверская' },
  { id: 'r-1023', author: 'James P.', rating: 5, title: 'Best flat white in town', text: 'Friendly staff, great coffee and the pastries were fresh. Highly recommend!', date: '2026-11-20T09:40:00Z', location: 'London, Soho' },
  { id: 'r-1022', author: 'Olga M.', rating: 2, title: 'Disappointing', text: 'The order was wrong and nobody apologised. Asked for a refund and was ignored.', date: '2026-11-19T16:05:00Z', location: 'London, Soho' },
  { id: 'r-1021', author: 'Дмитрий', rating: 5, title: 'Отличное место', text: 'Прекрасный кофе, уютно, бариста всё подсказал. Рекомендую!', date: '2026-11-19T11:30:00Z', location: 'Москва, Тверская' },
  { id: 'r-1020', author: 'Sarah L.', rating: 4, title: 'Nice and cozy', text: 'Good coffee, a bit pricey but the atmosphere is lovely and the staff were kind.', date: '2026-11-18T14:20:00Z', location: 'London, Soho' },
  { id: 'r-1019', author: 'Игорь В.', rating: 3, title: 'Средне', text: 'Кофе нормальный, но очередь большая и долго ждать. Цены высоковаты.', date: '2026-11-18T08:15:00Z', location: 'Москва, Тверская' },
  { id: 'r-1018', author: 'Tom H.', rating: 1, title: 'Never again', text: 'Rude staff, dirty tables and I waited 30 minutes for a cold latte. Terrible.', date: '2026-11-17T19:45:00Z', location: 'London, Soho' },
  { id: 'r-1017', author: 'Мария С.', rating: 5, title: 'Любимая кофейня', text: 'Хожу каждое утро, всегда вкусно и быстро. Спасибо команде!', date: '2026-11-17T07:50:00Z', location: 'Москва, Арбат' },
  { id: 'r-1016', author: 'Emily R.', rating: 5, title: 'Lovely brunch', text: 'Amazing avocado toast and excellent service. We will definitely come back.', date: '2026-11-16T12:10:00Z', location: 'London, Soho' },
  { id: 'r-1015', author: 'Сергей', rating: 2, title: 'Не рекомендую', text: 'Списали деньги дважды, до поддержки не дозвониться. Верните деньги!', date: '2026-11-16T10:00:00Z', location: 'Москва, Арбат' },
  { id: 'r-1014', author: 'Liam B.', rating: 4, title: 'Solid', text: 'Reliable coffee and quick service. The music was a little loud.', date: '2026-11-15T15:35:00Z', location: 'London, Soho' },
  { id: 'r-1013', author: 'Екатерина', rating: 4, title: 'Хорошо', text: 'Вкусные десерты и приятный персонал, но мало розеток.', date: '2026-11-15T13:00:00Z', location: 'Москва, Арбат' },
  { id: 'r-1012', author: 'Noah W.', rating: 3, title: 'Okay', text: 'Coffee was fine, nothing special. Service was slow at lunchtime.', date: '2026-11-14T12:45:00Z', location: 'London, Soho' },
  { id: 'r-1011', author: 'Алексей П.', rating: 1, title: 'Обман', text: 'Продали просроченный круассан, хамство на кассе. Это обман покупателей.', date: '2026-11-14T09:20:00Z', location: 'Москва, Тверская' },
  { id: 'r-1010', author: 'Grace T.', rating: 5, title: 'Perfect', text: 'Wonderful staff, delicious cake and a great place to work from.', date: '2026-11-13T10:30:00Z', location: 'London, Soho' },
  { id: 'r-1009', author: 'Наталья', rating: 5, title: 'Супер', text: 'Отличный капучино и очень вежливые бариста.', date: '2026-11-12T17:10:00Z', location: 'Москва, Арбат' },
  { id: 'r-1008', author: 'Henry C.', rating: 2, title: 'Broken card machine', text: 'Card machine was broken, cash only, and the staff were unhelpful about it.', date: '2026-11-12T08:05:00Z', location: 'London, Soho' },
  { id: 'r-1007', author: 'Ольга Т.', rating: 4, title: 'Приятно', text: 'Уютный зал и вкусный чай, обслуживание быстрое.', date: '2026-11-11T14:40:00Z', location: 'Москва, Тверская' },
  { id: 'r-1006', author: 'Mia D.', rating: 5, title: 'Great team', text: 'The baristas remembered my order, so kind. Excellent coffee.', date: '2026-11-10T09:15:00Z', location: 'London, Soho' },
  { id: 'r-1005', author: 'Павел', rating: 3, title: 'Нормально', text: 'Кофе неплохой, но интерьер устал и музыка громкая.', date: '2026-11-09T16:30:00Z', location: 'Москва, Арбат' },
  { id: 'r-1004', author: 'Oliver S.', rating: 1, title: 'Food poisoning', text: 'Got sick after the chicken sandwich. Awful experience, want my money back.', date: '2026-11-08T13:25:00Z', location: 'London, Soho' },
  { id: 'r-1003', author: 'Ирина', rating: 5, title: 'Спасибо!', text: 'Замечательная кофейня, всегда свежая выпечка.', date: '2026-11-07T08:45:00Z', location: 'Москва, Арбат' },
];

/** Rendered in the browser from JSON: the page that needs Chromium. */
export const APP_REVIEWS: DemoReview[] = [
  { id: 'a-207', author: 'Виктор', rating: 1, title: 'Приложение падает', text: 'Приложение постоянно вылетает при оплате, заказ не проходит. Ужасно.', date: '2026-11-21T10:00:00Z', location: 'App' },
  { id: 'a-206', author: 'Chloe N.', rating: 5, title: 'Love the app', text: 'Ordering ahead is so convenient, great loyalty rewards.', date: '2026-11-20T08:30:00Z', location: 'App' },
  { id: 'a-205', author: 'Lucas G.', rating: 2, title: 'Login problems', text: 'Cannot log in since the update, support never answered my emails.', date: '2026-11-19T19:00:00Z', location: 'App' },
  { id: 'a-204', author: 'Юлия', rating: 4, title: 'Удобно', text: 'Удобно заказывать заранее, но иногда долго грузится.', date: '2026-11-18T12:00:00Z', location: 'App' },
  { id: 'a-203', author: 'Ava K.', rating: 5, title: 'Works great', text: 'Fast, simple and the points add up quickly. Excellent.', date: '2026-11-16T09:00:00Z', location: 'App' },
  { id: 'a-202', author: 'Роман', rating: 3, title: 'Так себе', text: 'Работает, но уведомления приходят с опозданием.', date: '2026-11-14T15:00:00Z', location: 'App' },
];
