import type { WeightGroups } from './groups.ts';

/**
 * Multi-word expressions that mean more than their words. One phrase per
 * line; its words are normalised like text (stems, "n't" -> "not"), and a
 * phrase matches contiguous words only.
 */
export const PHRASES: WeightGroups = [
  [-4, `верните деньги
    верните мои деньги
    вернуть деньги
    верни деньги
    never again
    rip off
    stay away
    zero stars
    0 stars
    waste of money
    waste of time
    piece of junk
    piece of crap`],
  [-3, `больше никогда
    никогда больше
    обходите стороной
    подам в суд
    подать в суд
    ухожу к конкурентам
    уйду к конкурентам
    перейду к конкурентам
    1 звезда
    одна звезда
    ноль звезд
    0 звезд
    ставлю единицу
    ставлю кол
    1 из 5
    2 из 5
    0 из 5
    0 из 10
    1 из 10
    2 из 10
    так себе
    ни рыба ни мясо
    hung up
    one star
    1 star
    go elsewhere
    look elsewhere
    charged twice
    hidden fees
    fell apart
    what a joke
    a joke
    money back
    not worth
    still waiting
    so-so
    so so
    fed up
    sick of
    tired of
    poor quality
    low quality
    bad quality
    cheap quality
    never go back
    never going back
    never go there again
    never come back
    never coming back
    never be back
    won't be back
    will not be back
    not coming back
    never return
    never returning
    won't return
    will not return
    gone downhill
    gone down hill
    went downhill
    going downhill
    not a fan
    business elsewhere
    never buying
    never buy
    never ordering
    never order
    reporting you
    report you`],
  [-2, `gave up
    not like
    keeps crashing
    keeps freezing
    keeps loading
    keeps dropping
    keeps disconnecting
    logged me out
    not let me
    how you treat
    my lawyer
    cancel my account
    cancelling my account
    canceling my account
    cancel my subscription
    cancelling my subscription
    canceling my subscription
    been down
    down again
    internet down
    wifi down
    site down
    website down
    app down
    service down
    server down
    servers down
    network down`],
  [-1, `до сих пор`],
  [0, `not only
    не только
    me too
    you too
    thank god
    почему бы и нет
    почему бы нет
    never been more
    never been so
    never felt more
    never felt so
    couldn't be more
    couldnt be more`],
  [-3, `not waste
    never been angrier
    couldn't be worse
    couldnt be worse
    no redeeming
    too much
    too long
    far from`],
  [-2, `on hold
    повышает цены
    повышает тарифы
    повышение цен
    повышение тарифов
    увеличил цены
    связь лежит
    связь легла
    легла связь
    сеть лежит
    сайт лежит
    инета нет
    связи не было
    интернета не было
    сменить оператора
    меняю оператора
    связи нет
    сети нет
    интернета нет
    света нет
    воды нет
    ответа нет
    подняли цены
    подняли тариф
    повысили тариф
    скрытые комиссии
    скрытые платежи
    скрытая комиссия
    обещали перезвонить
    обещали вернуть
    обещали позвонить
    сколько можно
    когда уже
    в очередной раз
    не судьба
    в очереди
    без согласия
    без моего согласия
    без предупреждения
    без спроса
    подключили платную
    подключил платную
    навязали услугу
    не тот товар
    не тот размер
    не тот заказ
    отменили заказ
    отменил заказ
    отвечают шаблонами
    отвечает шаблонами
    низкая скорость
    расторгнуть договор
    расторгну договор
    takes forever
    took forever
    long wait`],
  [2, `снижает цены
    снизил цены
    снижение цен
    снижает стоимость
    снизил стоимость
    рост продаж`],
  [3, `five stars
    5 stars
    10 10
    5 звезд
    пять звезд
    5 из 5
    10 из 10
    highly recommend
    must see
    must have
    рекомендую всем
    всем советую
    не пожалеете
    не пожалел
    не пожалела
    без проблем
    no problem
    no problems
    no issues
    can't wait
    cant wait
    cannot wait
    can not wait
    look forward
    looking forward
    mind blown
    couldn't be happier
    couldnt be happier
    couldn't be better
    couldnt be better
    never been happier
    never felt better
    doesn't get any better
    can't say enough good
    cannot say enough good
    can't recommend enough
    cannot recommend enough
    can't recommend them enough
    can't recommend it enough
    no complaints`],
];
