/** The demo's CRM export: some authors of the demo reviews are known customers. */
export const DEMO_CUSTOMERS_CSV = `crm_id,name,email,phone,location,lifetime_value,handles
C-001,Анна Кузнецова,anna.k@example.org,+7 900 000-00-01,"Москва, Тверская",2400,generic-html:Анна К.
C-002,Tom Harris,tom.h@example.org,+44 20 0000 0002,"London, Soho",310,generic-html:Tom H.
C-003,Сергей Волков,s.volkov@example.org,+7 900 000-00-03,"Москва, Арбат",1500,
C-004,Oliver Smith,oliver@example.org,,"London, Soho",90,generic-html:Oliver S.
C-005,Виктор Лебедев,victor@example.org,+7 900 000-00-05,App,5200,generic-browser:Виктор
`;
