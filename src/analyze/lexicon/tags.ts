/**
 * Topic tags from keyword stems. Russian words are stemmed at load like the
 * sentiment lexicon; English ones are matched as written or through stem-en.
 */
export const TAG_KEYWORDS: Record<string, { ru: string; en: string }> = {
  delivery: {
    ru: 'доставка доставить доставили курьер курьера посылка заказ привезли привезти отправка почта сдэк трек',
    en: 'delivery deliver delivered courier shipping shipped shipment package parcel order arrived tracking dispatch',
  },
  staff: {
    ru: 'сотрудник сотрудники персонал менеджер оператор официант продавец кассир консультант администратор врач хам хамство грубый вежливый',
    en: 'staff employee employees manager waiter waitress server cashier rude polite friendly attendant receptionist agent representative rep crew',
  },
  price: {
    ru: 'цена цены стоимость дорого дешево деньги рубль рублей тариф тарифы комиссия переплата оплата платить счет скидка',
    en: 'price prices pricing expensive cheap overpriced cost costs money dollars fee fees charge charged bill billing pay paid discount',
  },
  quality: {
    ru: 'качество качественный некачественный брак бракованный сломался сломан поломка дефект вкус вкусный невкусный свежий',
    en: 'quality defective broken broke broke faulty cheap flimsy sturdy damaged taste tasty bland fresh stale durable',
  },
  refund: {
    ru: 'возврат вернуть верните вернули компенсация',
    en: 'refund refunds refunded return returned reimburse reimbursement chargeback',
  },
  service: {
    ru: 'сервис обслуживание поддержка служба сервиса обслуживания связь абонент оператор горячая',
    en: 'service support helpdesk customer assistance hotline',
  },
  wait: {
    ru: 'ждать ждал ждали жду ожидание очередь очереди долго задержка опоздание дозвониться',
    en: 'wait waited waiting hour hours minutes queue line delay delayed late slow forever hold',
  },
  app: {
    ru: 'приложение приложения апп приложуха обновление сайт глючит вылетает интерфейс',
    en: 'app application update crash crashes crashed login website site bug bugs glitch interface',
  },
};
